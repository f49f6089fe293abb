import type { CandidateProfile, Cefr, EducationLevel, IntegrationRoute, LegalStatus, TieKind, VacancyProfile } from '@kansrijk/scoring';
import { CandidateEntity } from '../candidates/candidate.entity';
import { VacancyEntity } from '../vacancies/vacancy.entity';

/**
 * Stored candidate → the scoring library's profile. R17: monitoring attributes are in
 * another table and never loaded here; the profile type has no field for them.
 */
export function toCandidateProfile(e: CandidateEntity): CandidateProfile {
  return {
    id: e.id,
    birthDate: e.birthDate,
    legalStatus: e.legalStatus as LegalStatus,
    applicationDate: e.applicationDate,
    permitDate: e.permitDate,
    wDocumentIssued: e.wDocumentIssued,
    wDocumentExpiry: e.wDocumentExpiry,
    livesInReception: e.livesInReception,
    dublinOrReturnDecision: e.dublinOrReturnDecision,
    location: { lat: e.lat, lon: e.lon },
    dutchLevel: e.dutchLevel as Cefr,
    englishLevel: e.englishLevel as Cefr,
    integrationRoute: e.integrationRoute as IntegrationRoute | null,
    diplomas: e.diplomas.map((d) => ({ level: d.level as EducationLevel, status: d.status as 'NONE', iscoCode: d.iscoCode, regulatedProfession: d.regulatedProfession })),
    occupations: e.occupations.map((o) => ({ escoId: o.occupationId, iscoCode: o.iscoCode, years: o.years })),
    skills: e.skillIds,
    hoursAvailable: e.hoursAvailable,
    maxTravelKm: e.maxTravelKm,
    preferences: {
      municipalityCodes: e.preferences.municipalityCodes ?? [],
      regionCodes: e.preferences.regionCodes ?? [],
      iscoGroups: e.preferences.iscoGroups ?? [],
    },
    ties: e.ties.map((t) => ({
      kind: t.kind as TieKind,
      municipalityCode: t.municipalityCode,
      location: { lat: t.lat, lon: t.lon },
      hoursPerWeek: t.hoursPerWeek,
      contractMonths: t.contractMonths,
      monthlyWage: t.monthlyWage,
      signedContract: t.signedContract,
      payslip: t.payslip,
      iscoCode: t.iscoCode,
      ...(t.firstDegree === null || t.firstDegree === undefined ? {} : { firstDegree: t.firstDegree }),
    })),
  };
}

/** Stored vacancy → the scoring library's profile. */
export function toVacancyProfile(e: VacancyEntity): VacancyProfile {
  return {
    id: e.id,
    iscoCode: e.iscoCode,
    escoOccupationId: e.occupationId,
    essentialSkills: e.essentialSkillIds,
    optionalSkills: e.optionalSkillIds,
    minDutchLevel: e.minDutchLevel as Cefr,
    englishSuffices: e.englishSuffices,
    minEnglishLevel: e.minEnglishLevel as Cefr | null,
    diplomaRequirement: e.diplomaLevel ? { level: e.diplomaLevel as EducationLevel, regulatedProfession: e.regulatedProfession } : null,
    hoursPerWeek: e.hoursPerWeek,
    contractMonths: e.contractMonths,
    monthlyWage: e.monthlyWage,
    location: { lat: e.lat, lon: e.lon },
    regionCode: e.regionCode,
    startDate: e.startDate,
    languageCoaching: e.languageCoaching,
    jobCoach: e.jobCoach,
    workPermitWillingness: e.workPermitWillingness,
    sector: e.sector,
  };
}
