import type { SyntheticMunicipality } from '../src';

/** Invented municipalities of every size, so tests need no reference data. */
export const TEST_MUNICIPALITIES: SyntheticMunicipality[] = [8_000, 15_000, 25_000, 40_000, 60_000, 90_000, 150_000, 250_000, 400_000, 900_000].map((population, i) => ({
  code: `GM${String(9000 + i)}`,
  regionCode: `AM${String(10 + (i % 4))}`,
  population,
}));
