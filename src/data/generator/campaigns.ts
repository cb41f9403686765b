import { PERIOD_END, PERIOD_START } from './calendar.ts';
import { field, money } from './csv.ts';
import { hexId } from './ids.ts';
import { Rng } from './prng.ts';
import { BLAST_WINDOW, FLASH_WINDOW } from './scenarios.ts';
import type { DemoRecipe, Window } from './scenarios.ts';
import { civilFromDays, DAY, epoch, formatDate } from './time.ts';

export const MARKETING_CHANNELS = [
  'email',
  'paid_search',
  'social',
  'display',
  'affiliate',
] as const;

export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  readonly budgetCents: number;
  /** Midnight of the first day and of the day after the last day. */
  readonly start: number;
  readonly end: number;
}

const THEMES = [
  'Liquida Verão',
  'Volta às Aulas',
  'Semana do Consumidor',
  'Páscoa',
  'Dia das Mães',
  'Dia dos Namorados',
  'Férias de Julho',
  'Dia dos Pais',
  'Semana Brasil',
  'Dia das Crianças',
  'Black Friday',
  'Natal',
];
const EXTRA_THEMES = [
  'Frete Grátis',
  'Cupom Boas-vindas',
  'Ofertas da Semana',
  'Queima de Estoque',
];
/** Share of sessions started by an active campaign (outside promotion_blast's window). */
export const CAMPAIGN_SESSION_SHARE = 0.3;
export const BLAST_SESSION_SHARE = 0.8;

export interface CampaignPlan {
  readonly campaigns: readonly Campaign[];
  readonly blast: Campaign | null;
  /** Campaign running on a day, weighted by daily budget; null for organic traffic. */
  pick(rng: Rng, t: number): Campaign | null;
}

export function buildCampaigns(recipe: DemoRecipe): CampaignPlan {
  const rng = new Rng(recipe.seed, 'campaigns');
  const scale = Math.max(0.01, recipe.orders / 100_000);
  const campaigns: Campaign[] = [];
  const add = (name: string, channel: string, window: Window, budgetReais: number): Campaign => {
    const c = {
      id: hexId(rng),
      name,
      channel,
      budgetCents: Math.round(budgetReais * scale) * 100,
      ...window,
    };
    campaigns.push(c);
    return c;
  };
  for (let day = PERIOD_START / DAY; day * DAY < PERIOD_END;) {
    const [y, m] = civilFromDays(day);
    const next = epoch(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) / DAY;
    const count = y === 2016 ? 1 : rng.range(1, 3);
    for (let k = 0; k < count; k++) {
      const theme = k === 0 ? (THEMES[m - 1] as string) : rng.pick(EXTRA_THEMES);
      const black = theme === 'Black Friday';
      const start = black ? epoch(y, 11, 20) : (day + rng.int(next - day)) * DAY;
      const days = black ? 8 : rng.range(5, 30);
      const channel = rng.pick(MARKETING_CHANNELS);
      add(
        `${theme} ${y} - ${channel}`,
        channel,
        { start, end: start + days * DAY },
        (black ? 4 : 1) * rng.range(50, 600) * 100,
      );
    }
    day = next;
  }
  if (recipe.scenario === 'flash_sale') add('Flash Sale 15/05', 'email', FLASH_WINDOW, 150_000);
  const blast =
    recipe.scenario === 'promotion_blast'
      ? add('Mega Blast Julho 2018', 'social', BLAST_WINDOW, 900_000)
      : null;
  const firstDay = PERIOD_START / DAY;
  const byDay: Campaign[][] = [];
  for (const c of campaigns) {
    for (let d = c.start / DAY; d < c.end / DAY; d++) (byDay[d - firstDay] ??= []).push(c);
  }
  return {
    campaigns,
    blast,
    pick(r: Rng, t: number): Campaign | null {
      if (blast !== null && t >= blast.start && t < blast.end && r.chance(BLAST_SESSION_SHARE))
        return blast;
      const active = byDay[Math.floor(t / DAY) - firstDay];
      if (active === undefined || !r.chance(CAMPAIGN_SESSION_SHARE)) return null;
      let total = 0;
      for (const c of active) total += c.budgetCents / (c.end - c.start);
      let x = r.float() * total;
      for (const c of active) {
        x -= c.budgetCents / (c.end - c.start);
        if (x < 0) return c;
      }
      return active[active.length - 1] ?? null;
    },
  };
}

export function campaignRow(c: Campaign): string {
  return `${c.id},${field(c.name)},${c.channel},${money(c.budgetCents)},${formatDate(c.start)},${formatDate(c.end - DAY)}`;
}
