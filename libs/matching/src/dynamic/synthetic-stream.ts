import { distanceKm } from '@kansrijk/scoring';
import type { PlacementMunicipality } from '../placement/types';
import { mulberry32 } from '@kansrijk/outcome';
import type { ArrivalStream, StreamHousehold, StreamMonitoring } from './stream';

export interface SyntheticMunicipality {
  code: string;
  regionCode: string;
  population: number;
  centroid: { lat: number; lon: number };
}

export interface SyntheticStreamOptions {
  seed: number;
  /** Arriving households over the half-year. */
  households: number;
  /** National total over the stream's persons (R11; tasks by population, rounded up). Default 1.05. */
  tightness?: number;
  /** Share of households holding a hard tie (R12). Default 0.25. */
  tieShare?: number;
  /** Tie radius in km (R12). Default 50. */
  radiusKm?: number;
  /** Days in the half-year. Default 181 (January to June). */
  days?: number;
  /**
   * A wave of tie holders near one municipality from a given day: that share of the households
   * arriving from `fromDay` on hold a tie there. `foreseen` (default true): the earlier half-year
   * had the same wave, so a forecast resampled from it expects one.
   */
  wave?: { nearCode: string; fromDay: number; share: number; foreseen?: boolean };
}

const SECTORS = 6;
const SIZES: [number, number][] = [[1, 45], [2, 20], [3, 12], [4, 12], [5, 7], [6, 4]];
const ORIGINS: [string, number][] = [['SY', 30], ['ER', 20], ['TR', 12], ['AF', 10], ['YE', 8], ['IQ', 6], ['SO', 5], ['IR', 5], ['other', 4]];
const AGE_BANDS: [string, number][] = [['18-24', 20], ['25-34', 35], ['35-49', 32], ['50+', 13]];

function weighted<T>(rand: () => number, pairs: readonly (readonly [T, number])[]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) {
    r -= w;
    if (r < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

/**
 * A seeded synthetic world for the simulator, without a database: the given municipalities
 * with housing tasks for the half-year (R11: ceil(national total x population share), the
 * national total `tightness` x the stream's persons), the stream's households (sizes as the
 * demo data, arrival days uniform over the half-year, a share with a hard tie whose allowed
 * municipalities are those within the radius, R12), and an earlier half-year drawn from the
 * same distribution with another seed, for the forecast.
 *
 * Link scores are synthetic and stand in for the scoring library's: labour demand for the
 * household's sector in the municipality, the municipality's size (facilities, vacancies), and
 * fit with the household's preferred region or closeness to its tie, plus noise; cities score
 * high for many households, so places there are contested. Monitoring attributes (gender, age
 * band, origin) are drawn for the fairness report only and never enter a score (R17).
 */
export function syntheticStream(munis: readonly SyntheticMunicipality[], options: SyntheticStreamOptions): ArrivalStream {
  const sorted = [...munis].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const M = sorted.length;
  const radius = options.radiusKm ?? 50;
  const days = options.days ?? 181;
  // The world itself (demand per sector, neighbours) is fixed by the seed, shared by both half-years.
  const worldRand = mulberry32(options.seed * 7919 + 13);
  const maxPop = Math.max(...sorted.map((m) => m.population), 1);
  const urban = sorted.map((m) => Math.log1p(m.population) / Math.log1p(maxPop));
  const demand = sorted.map((_, m) => Float64Array.from({ length: SECTORS }, () => Math.min(1, 0.15 + 0.45 * urban[m] * urban[m] + 0.4 * worldRand())));
  const within: Int32Array[] = sorted.map((a) => Int32Array.from(sorted.map((b, j) => (distanceKm(a.centroid, b.centroid) <= radius ? j : -1)).filter((j) => j >= 0)));
  const popWeights = sorted.map((m, i) => [i, m.population] as const);
  const index = new Map(sorted.map((m, i) => [m.code, i]));
  const regions = [...new Set(sorted.map((m) => m.regionCode))].sort();
  const waveAt = options.wave ? index.get(options.wave.nearCode) : undefined;
  if (options.wave && waveAt === undefined) throw new RangeError(`wave.nearCode '${options.wave.nearCode}' is not a municipality`);

  const draw = (seed: number, prefix: string, withWave: boolean): StreamHousehold[] => {
    const rand = mulberry32(seed);
    const out: StreamHousehold[] = [];
    for (let i = 0; i < options.households; i++) {
      const persons = weighted(rand, SIZES);
      const day = Math.floor(rand() * days);
      const sector = Math.floor(rand() * SECTORS);
      let tie = rand() < (options.tieShare ?? 0.25) ? weighted(rand, popWeights) : -1;
      if (withWave && options.wave && day >= options.wave.fromDay && rand() < options.wave.share) tie = waveAt!;
      const prefRegion = rand() < 0.4 ? regions[Math.floor(rand() * regions.length)] : null;
      const allowed = tie >= 0 ? within[tie] : null;
      const n = allowed ? allowed.length : M;
      const mun = new Int32Array(n);
      const score = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const m = allowed ? allowed[j] : j;
        let fit: number;
        if (tie >= 0) fit = 1 - distanceKm(sorted[m].centroid, sorted[tie].centroid) / radius;
        else if (prefRegion !== null) fit = sorted[m].regionCode === prefRegion ? 1 : 0.3;
        else fit = 0.5;
        const s = 0.5 * demand[m][sector] + 0.25 * urban[m] + 0.2 * Math.max(0, fit) + 0.1 * (rand() - 0.5);
        mun[j] = m;
        score[j] = Math.round(Math.min(1, Math.max(0, s)) * 1e4) / 1e4;
      }
      // Larger households somewhat more often from some origins, so a size effect shows as an origin effect too (R17 report).
      const origin = persons >= 4 && rand() < 0.3 ? (rand() < 0.5 ? 'SY' : 'AF') : weighted(rand, ORIGINS);
      const monitoring: StreamMonitoring = { gender: rand() < 0.45 ? 'FEMALE' : 'MALE', ageBand: weighted(rand, AGE_BANDS), origin };
      out.push({ id: `${prefix}${String(i).padStart(6, '0')}`, persons, day, mun, score, tieHolder: tie >= 0, monitoring });
    }
    return out;
  };
  const households = draw(options.seed, 'h', true);
  const history = draw(options.seed + 1_000_003, 'p', options.wave?.foreseen ?? true);
  const persons = households.reduce((s, h) => s + h.persons, 0);
  const total = Math.round((options.tightness ?? 1.05) * persons);
  const pop = sorted.reduce((s, m) => s + m.population, 0);
  const municipalities: PlacementMunicipality[] = sorted.map((m) => ({
    code: m.code,
    regionCode: m.regionCode,
    population: m.population,
    capacity: pop > 0 ? Math.ceil((total * m.population) / pop) : 0,
  }));
  return { municipalities, households, history };
}
