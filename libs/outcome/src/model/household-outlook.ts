import type { CandidateProfile, LabourDemand, MunicipalityProfile } from '@kansrijk/scoring';
import { bestTension, nearestTieKm, outcomeLocation } from '../features/outcome-location';
import { readLocation, readProfile, type RawCase } from '../features/raw-case';
import { probabilityOf, termValues, type CompiledOutcomeModel } from './compiled-model';
import { explainHousehold, type HouseholdOutlook } from './explain-household';

/** A household's adults read once, to be placed in many municipalities (see `prepareHouseholdOutlook`). */
export interface PreparedHouseholdOutlook {
  /** Expected adults in work ÷ adults in `municipality`, each adult with their own reachable count (same order as the adults given). */
  share(municipality: MunicipalityProfile, reachable: ArrayLike<number>): number;
  /** The same with its top contributions in words. */
  explain(municipality: MunicipalityProfile, reachable: ArrayLike<number>, take?: number): HouseholdOutlook;
}

/**
 * The outcome model for one household across municipalities (R14, R16: every adult counted):
 * each adult's person features are read once; per municipality only the place numbers change
 * (labour demand in its region for the adult's occupations, the adult's reachable vacancies,
 * the distance to the adult's nearest tie, its population). Reads no monitoring attribute (R17).
 */
export function prepareHouseholdOutlook(args: {
  model: CompiledOutcomeModel;
  adults: readonly Pick<CandidateProfile, 'id' | 'birthDate' | 'legalStatus' | 'applicationDate' | 'permitDate' | 'dutchLevel' | 'englishLevel' | 'integrationRoute' | 'hoursAvailable' | 'diplomas' | 'occupations' | 'ties'>[];
  onDate: string;
  labourDemand: LabourDemand | null | undefined;
}): PreparedHouseholdOutlook {
  const { model, adults } = args;
  const people = adults.map((a) => readProfile(a, args.onDate, `adult(${a.id})`));
  const values = new Float64Array(model.terms.length);
  const cases = (m: MunicipalityProfile, reachable: ArrayLike<number>): RawCase[] =>
    adults.map((a, k) => ({ ...people[k], ...readLocation(outcomeLocation({ person: a, municipality: m, labourDemand: args.labourDemand, reachableVacancies: reachable[k] ?? 0 })) }));
  // The fast path for ranking every municipality: one case per adult, its place fields
  // overwritten per municipality (the same numbers as outcomeLocation), tension once per region.
  const scratch: RawCase[] = people.map((person) => ({ ...person, tension: null, reachable: 0, tieKm: null, population: 1 }));
  const tensionIn = adults.map(() => new Map<string, number | null>());
  return {
    share(m, reachable) {
      if (adults.length === 0) return 0;
      let expected = 0;
      for (let k = 0; k < adults.length; k++) {
        const c = scratch[k];
        let tension = tensionIn[k].get(m.regionCode);
        if (tension === undefined) {
          tension = bestTension(adults[k], m.regionCode, args.labourDemand);
          tensionIn[k].set(m.regionCode, tension);
        }
        c.tension = tension;
        c.reachable = Math.max(0, reachable[k] ?? 0);
        c.tieKm = nearestTieKm(adults[k], m);
        c.population = m.population;
        expected += probabilityOf(termValues(model, c, values), model.beta);
      }
      return expected / adults.length;
    },
    explain(m, reachable, take = 3) {
      return explainHousehold(model, cases(m, reachable), take);
    },
  };
}
