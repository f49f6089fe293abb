import { distanceKm, lookupLabourDemand, type CandidateProfile, type LabourDemand, type MunicipalityProfile } from '@kansrijk/scoring';
import type { OutcomeLocation } from './outcome-input';

/**
 * The place numbers of one adult in one municipality, the same way wherever they are needed
 * (suggestions, scenarios, a history without a tension column): the highest labour-demand
 * tension over the person's held and diploma occupations in the municipality's region (ISCO 4 →
 * 1 digits, R14), the reachable eligible vacancies the caller counted, the distance to the
 * nearest tie of any kind (0 for a tie in the municipality itself), and the population.
 */
export function outcomeLocation(args: {
  person: Pick<CandidateProfile, 'occupations' | 'diplomas' | 'ties'>;
  municipality: Pick<MunicipalityProfile, 'code' | 'regionCode' | 'centroid' | 'population'>;
  labourDemand: LabourDemand | null | undefined;
  reachableVacancies: number;
}): OutcomeLocation {
  const { person, municipality: m } = args;
  return {
    labourDemandTension: bestTension(person, m.regionCode, args.labourDemand),
    reachableVacancies: Math.max(0, args.reachableVacancies),
    nearestTieKm: nearestTieKm(person, m),
    population: m.population,
  };
}

/** The highest labour-demand tension over the person's held and diploma occupations in a region (ISCO 4 → 1 digits, R14); null without a figure. */
export function bestTension(person: Pick<CandidateProfile, 'occupations' | 'diplomas'>, regionCode: string, labourDemand: LabourDemand | null | undefined): number | null {
  let tension: number | null = null;
  const consider = (code: string) => {
    const found = lookupLabourDemand({ labourDemand, regionCode, iscoCode: code });
    if (found.figure && (tension === null || found.figure.tension > tension)) tension = found.figure.tension;
  };
  for (const o of person.occupations) consider(o.iscoCode);
  for (const d of person.diplomas) if (d.iscoCode) consider(d.iscoCode);
  return tension;
}

/** Km from the municipality to the person's nearest tie of any kind (0 for a tie in the municipality itself); null without ties. */
export function nearestTieKm(person: Pick<CandidateProfile, 'ties'>, m: Pick<MunicipalityProfile, 'code' | 'centroid'>): number | null {
  let nearest: number | null = null;
  for (const t of person.ties) {
    const km = t.municipalityCode === m.code ? 0 : distanceKm(m.centroid, t.location);
    if (nearest === null || km < nearest) nearest = km;
  }
  return nearest;
}
