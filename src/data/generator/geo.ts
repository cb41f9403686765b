import { cumulative } from './prng.ts';

export type Region = 'N' | 'NE' | 'CO' | 'SE' | 'S';

interface City {
  readonly name: string;
  readonly zipFrom: number;
  readonly zipTo: number;
  readonly weight: number;
}

export interface State {
  readonly code: string;
  readonly region: Region;
  /** Share of Olist customers (%), close to the population share; SP is the largest. */
  readonly customerShare: number;
  /** Share of Olist sellers (%). */
  readonly sellerShare: number;
  readonly cities: readonly City[];
  readonly cityCumulative: Float64Array;
}

type CitySpec = readonly [name: string, zipFrom: number, zipTo: number, weight: number];

const state = (
  code: string,
  region: Region,
  customerShare: number,
  sellerShare: number,
  cities: readonly CitySpec[],
): State => ({
  code,
  region,
  customerShare,
  sellerShare,
  cities: cities.map(([name, zipFrom, zipTo, weight]) => ({ name, zipFrom, zipTo, weight })),
  cityCumulative: cumulative(cities.map((city) => city[3])),
});

export const STATES: readonly State[] = [
  state('SP', 'SE', 41.98, 59.7, [
    ['sao paulo', 1000, 5999, 40],
    ['sao paulo', 8000, 8499, 6],
    ['guarulhos', 7000, 7299, 5],
    ['osasco', 6000, 6299, 4],
    ['santo andre', 9000, 9299, 4],
    ['sao bernardo do campo', 9600, 9899, 4],
    ['mogi das cruzes', 8700, 8899, 3],
    ['campinas', 13000, 13139, 8],
    ['jundiai', 13200, 13219, 3],
    ['santos', 11000, 11099, 4],
    ['sao jose dos campos', 12200, 12249, 4],
    ['ribeirao preto', 14000, 14114, 4],
    ['sorocaba', 18000, 18109, 4],
    ['bauru', 17000, 17099, 2],
    ['piracicaba', 13400, 13427, 2],
  ]),
  state('RJ', 'SE', 12.92, 5.5, [
    ['rio de janeiro', 20000, 23799, 55],
    ['niteroi', 24000, 24399, 10],
    ['sao goncalo', 24400, 24799, 7],
    ['duque de caxias', 25000, 25299, 6],
    ['nova iguacu', 26000, 26099, 6],
    ['petropolis', 25600, 25779, 4],
    ['campos dos goytacazes', 28000, 28099, 4],
    ['volta redonda', 27200, 27299, 4],
  ]),
  state('MG', 'SE', 11.7, 7.9, [
    ['belo horizonte', 30000, 31999, 40],
    ['contagem', 32000, 32399, 8],
    ['betim', 32600, 32699, 5],
    ['juiz de fora', 36000, 36099, 10],
    ['uberlandia', 38400, 38419, 10],
    ['uberaba', 38000, 38099, 5],
    ['montes claros', 39400, 39409, 5],
  ]),
  state('RS', 'S', 5.5, 4.2, [
    ['porto alegre', 90000, 91999, 40],
    ['caxias do sul', 95000, 95099, 12],
    ['canoas', 92000, 92499, 10],
    ['pelotas', 96000, 96099, 10],
    ['santa maria', 97000, 97119, 8],
  ]),
  state('PR', 'S', 5.07, 11.3, [
    ['curitiba', 80000, 82999, 45],
    ['londrina', 86000, 86099, 15],
    ['maringa', 87000, 87099, 12],
    ['ponta grossa', 84000, 84099, 8],
    ['cascavel', 85800, 85829, 7],
  ]),
  state('SC', 'S', 3.66, 6.1, [
    ['florianopolis', 88000, 88099, 25],
    ['joinville', 89200, 89239, 25],
    ['blumenau', 89000, 89099, 20],
    ['sao jose', 88100, 88119, 10],
    ['itajai', 88300, 88319, 10],
  ]),
  state('BA', 'NE', 3.4, 0.6, [
    ['salvador', 40000, 42599, 60],
    ['feira de santana', 44000, 44099, 15],
    ['vitoria da conquista', 45000, 45099, 10],
  ]),
  state('DF', 'CO', 2.15, 1.0, [['brasilia', 70000, 72799, 1]]),
  state('ES', 'SE', 2.04, 0.7, [
    ['vitoria', 29000, 29099, 3],
    ['vila velha', 29100, 29129, 3],
    ['serra', 29160, 29184, 2],
    ['cariacica', 29140, 29159, 2],
  ]),
  state('GO', 'CO', 2.03, 1.3, [
    ['goiania', 74000, 74899, 6],
    ['aparecida de goiania', 74900, 74999, 2],
    ['anapolis', 75000, 75159, 2],
  ]),
  state('PE', 'NE', 1.66, 0.3, [
    ['recife', 50000, 52999, 6],
    ['jaboatao dos guararapes', 54000, 54499, 2],
    ['olinda', 53000, 53399, 2],
  ]),
  state('CE', 'NE', 1.34, 0.4, [
    ['fortaleza', 60000, 61599, 8],
    ['juazeiro do norte', 63000, 63099, 2],
  ]),
  state('PA', 'N', 0.98, 0.03, [
    ['belem', 66000, 66999, 7],
    ['ananindeua', 67000, 67199, 3],
  ]),
  state('MT', 'CO', 0.91, 0.1, [
    ['cuiaba', 78000, 78109, 6],
    ['varzea grande', 78110, 78159, 4],
  ]),
  state('MA', 'NE', 0.75, 0.03, [['sao luis', 65000, 65109, 1]]),
  state('MS', 'CO', 0.72, 0.06, [
    ['campo grande', 79000, 79129, 8],
    ['dourados', 79800, 79849, 2],
  ]),
  state('PB', 'NE', 0.54, 0.2, [
    ['joao pessoa', 58000, 58099, 7],
    ['campina grande', 58400, 58449, 3],
  ]),
  state('PI', 'NE', 0.5, 0.03, [['teresina', 64000, 64099, 1]]),
  state('RN', 'NE', 0.49, 0.15, [['natal', 59000, 59159, 1]]),
  state('AL', 'NE', 0.42, 0.03, [['maceio', 57000, 57099, 1]]),
  state('SE', 'NE', 0.35, 0.03, [['aracaju', 49000, 49099, 1]]),
  state('TO', 'N', 0.28, 0.03, [['palmas', 77000, 77270, 1]]),
  state('RO', 'N', 0.25, 0.05, [['porto velho', 76800, 76834, 1]]),
  state('AM', 'N', 0.15, 0.03, [['manaus', 69000, 69099, 1]]),
  state('AC', 'N', 0.08, 0.03, [['rio branco', 69900, 69923, 1]]),
  state('AP', 'N', 0.07, 0.01, [['macapa', 68900, 68914, 1]]),
  state('RR', 'N', 0.05, 0.01, [['boa vista', 69300, 69339, 1]]),
];

export const CUSTOMER_STATE_CUMULATIVE = cumulative(STATES.map((s) => s.customerShare));
export const SELLER_STATE_CUMULATIVE = cumulative(STATES.map((s) => s.sellerShare));

export interface Place {
  readonly state: State;
  readonly city: string;
  /** Five digits with leading zeros kept, e.g. `01310`. */
  readonly zip: string;
}

function pickIndex(cum: Float64Array, u: number): number {
  const x = u * (cum[cum.length - 1] ?? 0);
  let i = 0;
  while (i < cum.length - 1 && (cum[i] ?? 0) <= x) i++;
  return i;
}

/** A place from three uniforms in [0, 1): state, city within the state, zip within the city. */
export function placeFrom(stateCum: Float64Array, u1: number, u2: number, u3: number): Place {
  const st = STATES[pickIndex(stateCum, u1)] as State;
  const city = st.cities[pickIndex(st.cityCumulative, u2)] as City;
  const zip = city.zipFrom + Math.floor(u3 * (city.zipTo - city.zipFrom + 1));
  return { state: st, city: city.name, zip: String(zip).padStart(5, '0') };
}

const ORDER: readonly Region[] = ['N', 'NE', 'CO', 'SE', 'S'];
/** Distance class between regions: 1 same region, 2 neighbours, 3 far apart. */
const REGION_DISTANCE: readonly (readonly number[])[] = [
  [1, 2, 2, 3, 3],
  [2, 1, 2, 2, 3],
  [2, 2, 1, 2, 2],
  [3, 2, 2, 1, 2],
  [3, 3, 2, 2, 1],
];

/** 0 same state, 1 same region, 2 neighbouring regions, 3 far apart. */
export function distanceClass(a: State, b: State): number {
  if (a.code === b.code) return 0;
  return REGION_DISTANCE[ORDER.indexOf(a.region)]?.[ORDER.indexOf(b.region)] ?? 3;
}
