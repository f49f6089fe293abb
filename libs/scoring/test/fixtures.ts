/**
 * Test builders for libs/scoring specs: small, explicit profiles that each test changes in the one
 * field it is about. Not part of the library.
 */
import type { CandidateProfile, GeoPoint, HardTie, Household, MunicipalityProfile, VacancyProfile } from '../src';
import { EARTH_RADIUS_KM } from '../src';

/** Utrecht, roughly: the origin most tests measure from. */
export const ORIGIN: GeoPoint = { lat: 52.09, lon: 5.12 };

/**
 * A point exactly `km` kilometres due north of `from` on the library's sphere: along a meridian the
 * great-circle distance is R × Δlat, so Δlat = km / R radians.
 */
export function north(from: GeoPoint, km: number): GeoPoint {
  return { lat: from.lat + (km / EARTH_RADIUS_KM) * (180 / Math.PI), lon: from.lon };
}

export function candidate(over: Partial<CandidateProfile> = {}): CandidateProfile {
  return {
    id: 'cand-1',
    birthDate: '1990-05-01',
    legalStatus: 'STATUS_HOLDER',
    applicationDate: null,
    permitDate: '2023-10-01',
    wDocumentIssued: null,
    wDocumentExpiry: null,
    livesInReception: false,
    dublinOrReturnDecision: false,
    location: ORIGIN,
    dutchLevel: 'B1',
    englishLevel: 'A2',
    integrationRoute: 'B1',
    diplomas: [],
    occupations: [],
    skills: [],
    hoursAvailable: 40,
    maxTravelKm: 60,
    ties: [],
    ...over,
  };
}

/** An asylum seeker who meets every R1 condition for work starting on or after 2024-07-15 (judged on 2024-06-01). */
export function asylumSeeker(over: Partial<CandidateProfile> = {}): CandidateProfile {
  return candidate({
    id: 'asylum-1',
    legalStatus: 'ASYLUM_SEEKER',
    applicationDate: '2024-01-15',
    permitDate: null,
    wDocumentIssued: '2024-01-20',
    wDocumentExpiry: '2026-01-14',
    livesInReception: true,
    ...over,
  });
}

export function vacancy(over: Partial<VacancyProfile> = {}): VacancyProfile {
  return {
    id: 'vac-1',
    iscoCode: '5120',
    escoOccupationId: null,
    essentialSkills: [],
    optionalSkills: [],
    minDutchLevel: 'B1',
    englishSuffices: false,
    minEnglishLevel: null,
    diplomaRequirement: null,
    hoursPerWeek: 36,
    contractMonths: null,
    monthlyWage: null,
    location: ORIGIN,
    regionCode: 'AM14',
    startDate: '2024-09-01',
    languageCoaching: false,
    jobCoach: false,
    workPermitWillingness: true,
    sector: null,
    ...over,
  };
}

export function municipality(over: Partial<MunicipalityProfile> = {}): MunicipalityProfile {
  return { code: 'GM0344', name: 'Utrecht', regionCode: 'AM14', provinceCode: 'PV26', centroid: ORIGIN, population: 374_000, ...over };
}

export function household(members: CandidateProfile[], id = 'hh-1'): Household {
  return { id, members };
}

export function tie(over: Partial<HardTie> = {}): HardTie {
  return { kind: 'FAMILY', municipalityCode: 'GM9999', location: ORIGIN, ...over };
}
