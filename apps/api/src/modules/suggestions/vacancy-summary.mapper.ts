import type { VacancyProfile } from '@kansrijk/scoring';
import type { VacancyFacts } from '../matching/held-records';
import type { ReferenceSnapshot } from '../reference/reference-index.service';
import { VacancySummary } from './models/suggestion.models';

/**
 * What a suggestion shows of a held vacancy, from memory: its scoring profile (the values the
 * score was computed from), its held facts (title, employer, municipality) and the reference
 * names of its occupation and municipality.
 */
export function toVacancySummary(profile: VacancyProfile, facts: VacancyFacts, ref: ReferenceSnapshot): VacancySummary {
  return {
    id: profile.id,
    title: facts.title,
    iscoCode: profile.iscoCode,
    occupationLabelNl: profile.escoOccupationId ? (ref.occupations.get(profile.escoOccupationId)?.labelNl ?? null) : null,
    employerName: facts.employer?.name ?? null,
    municipalityCode: facts.municipalityCode,
    municipalityName: ref.municipalities.get(facts.municipalityCode)?.name ?? facts.municipalityCode,
    location: { lat: profile.location.lat, lon: profile.location.lon },
    hoursPerWeek: profile.hoursPerWeek,
    contractMonths: profile.contractMonths,
    monthlyWage: profile.monthlyWage,
    startDate: profile.startDate,
    minDutchLevel: profile.minDutchLevel,
    languageCoaching: profile.languageCoaching,
  };
}
