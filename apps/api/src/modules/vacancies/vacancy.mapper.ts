import { VacancyInput } from './dto/vacancy.input';
import { Vacancy } from './models/vacancy.model';
import { VacancyEntity } from './vacancy.entity';

export function toVacancy(e: VacancyEntity): Vacancy {
  return {
    id: e.id,
    externalId: e.externalId,
    title: e.title,
    description: e.description,
    occupationId: e.occupationId,
    iscoCode: e.iscoCode,
    essentialSkillIds: e.essentialSkillIds,
    optionalSkillIds: e.optionalSkillIds,
    minDutchLevel: e.minDutchLevel,
    englishSuffices: e.englishSuffices,
    minEnglishLevel: e.minEnglishLevel,
    diplomaRequirement: e.diplomaLevel ? { level: e.diplomaLevel, regulatedProfession: e.regulatedProfession } : null,
    hoursPerWeek: e.hoursPerWeek,
    contractMonths: e.contractMonths,
    monthlyWage: e.monthlyWage,
    location: { postcode: e.postcode, lat: e.lat, lon: e.lon, municipalityCode: e.municipalityCode },
    startDate: e.startDate,
    languageCoaching: e.languageCoaching,
    jobCoach: e.jobCoach,
    workPermitWillingness: e.workPermitWillingness,
    sector: e.sector,
    status: e.status,
    closedAt: e.closedAt,
    synthetic: e.synthetic,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    employerId: e.employerId,
    municipalityCode: e.municipalityCode,
    tenant: e.tenant,
  };
}

/** Entity → input shape, for merging an update and re-checking the whole. */
export function toVacancyInput(e: VacancyEntity): VacancyInput {
  return {
    externalId: e.externalId ?? undefined,
    employerId: e.employerId,
    title: e.title,
    description: e.description ?? undefined,
    occupationId: e.occupationId ?? undefined,
    iscoCode: e.iscoCode,
    essentialSkills: e.essentialSkillIds,
    optionalSkills: e.optionalSkillIds,
    minDutchLevel: e.minDutchLevel as VacancyInput['minDutchLevel'],
    englishSuffices: e.englishSuffices,
    minEnglishLevel: (e.minEnglishLevel ?? undefined) as VacancyInput['minEnglishLevel'],
    diplomaRequirement: e.diplomaLevel
      ? ({ level: e.diplomaLevel, regulatedProfession: e.regulatedProfession ?? undefined } as VacancyInput['diplomaRequirement'])
      : undefined,
    hoursPerWeek: e.hoursPerWeek,
    contractMonths: e.contractMonths ?? undefined,
    monthlyWage: e.monthlyWage ?? undefined,
    location: e.postcode ? { postcode: e.postcode } : { lat: e.lat, lon: e.lon },
    startDate: e.startDate,
    languageCoaching: e.languageCoaching,
    jobCoach: e.jobCoach,
    workPermitWillingness: e.workPermitWillingness,
    sector: e.sector ?? undefined,
    synthetic: e.synthetic,
  };
}
