import type { Rng } from './prng.ts';

const TITLES: Record<'good' | 'mid' | 'bad', readonly string[]> = {
  good: ['Recomendo', 'Ótimo produto', 'Super recomendo', 'Excelente', 'Muito bom', 'Adorei'],
  mid: ['Bom', 'Razoável', 'Ok', 'Poderia ser melhor'],
  bad: ['Não recebi', 'Péssimo', 'Produto com defeito', 'Decepcionado', 'Não recomendo'],
};

const PHRASES: Record<'good' | 'mid' | 'bad', readonly string[]> = {
  good: [
    'Produto muito bom, recomendo.',
    'Chegou antes do prazo!',
    'Ótima qualidade, bem embalado',
    'Veio exatamente como "anunciado"',
    'Adorei o produto, minha filha amou',
    'Entrega rápida, produto de qualidade, vendedor nota 10',
    'Tudo certo, obrigado',
    'Comprei, chegou, funciona. Perfeito',
    'Superou as expectativas, recomendo a "loja"',
  ],
  mid: [
    'Produto ok, mas a embalagem veio amassada',
    'Razoável, esperava mais pelo preço',
    'Chegou no prazo, porém a cor é diferente da foto',
    'O produto é bom, mas demorou',
    'Cumpre o que promete, nada de mais',
  ],
  bad: [
    'Não recebi o produto até agora',
    'Produto veio com defeito, quero devolver',
    'Comprei 2 unidades e só chegou 1, "lamentável"',
    'Péssimo atendimento, ninguém responde',
    'Entrega atrasada, já passou do prazo e nada',
    'Veio errado, pedi azul e chegou "preto"',
    'Não comprem, produto falsificado',
  ],
};

/** Olist: ~12% of reviews have a title and ~41% a message. */
export const REVIEW_TEXT_SHARES = { title: 0.12, message: 0.41, lineBreak: 0.15 } as const;

function mood(score: number): 'good' | 'mid' | 'bad' {
  return score >= 4 ? 'good' : score === 3 ? 'mid' : 'bad';
}

export function reviewTitle(rng: Rng, score: number): string {
  return rng.chance(REVIEW_TEXT_SHARES.title) ? rng.pick(TITLES[mood(score)]) : '';
}

/** One to three phrases; some joined by CRLF or LF line breaks, as in the real file. */
export function reviewMessage(rng: Rng, score: number): string {
  if (!rng.chance(REVIEW_TEXT_SHARES.message)) return '';
  const bank = PHRASES[mood(score)];
  const parts = rng.chance(0.7) ? 1 : rng.range(2, 3);
  let text = rng.pick(bank);
  for (let k = 1; k < parts; k++) {
    const next = rng.pick(bank);
    text += rng.chance(0.4) ? ' ' + next : (rng.chance(0.7) ? '\r\n' : '\n') + next;
  }
  if (parts === 1 && rng.chance(REVIEW_TEXT_SHARES.lineBreak)) text += '\r\nObrigado';
  return text;
}
