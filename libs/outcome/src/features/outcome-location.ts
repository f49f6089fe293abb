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
  let tension: number | null = null;
  const codes = [...person.occupations.map((o) => o.iscoCode), ...person.diplomas.flatMap((d) => (d.iscoCode ? [d.iscoCode] : []))];
  for (const code of codes) {
    const found = lookupLabourDemand({ labourDemand: args.labourDemand, regionCode: m.regionCode, iscoCode: code });
    if (found.figure && (tension === null || found.figure.tension > tension)) tension = found.figure.tension;
  }
  let nearest: number | null = null;
  for (const t of person.ties) {
    const km = t.municipalityCode === m.code ? 0 : distanceKm(m.centroid, t.location);
    if (nearest === null || km < nearest) nearest = km;
  }
  return { labourDemandTension: tension, reachableVacancies: Math.max(0, args.reachableVacancies), nearestTieKm: nearest, population: m.population };
}
