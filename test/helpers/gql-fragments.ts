/** Selections shared by the record tests. */
export const CANDIDATE_FIELDS = `id externalId pseudonym name email birthDate legalStatus applicationDate permitDate
  location { postcode lat lon municipalityCode } municipality { code name } dutchLevel englishLevel integrationRoute
  diplomas { level status iscoCode } occupations { occupationId iscoCode years } skillIds hoursAvailable maxTravelKm
  preferences { municipalityCodes regionCodes iscoGroups }
  ties { kind municipalityCode location { lat lon municipalityCode } hoursPerWeek signedContract payslip firstDegree }`;

export const VACANCY_FIELDS = `id externalId title iscoCode occupationId essentialSkillIds optionalSkillIds minDutchLevel englishSuffices
  minEnglishLevel hoursPerWeek contractMonths monthlyWage startDate status location { postcode municipalityCode }
  employer { id name } municipality { code name }`;

export type Problem = { field: string; rule: string; message: string };
/** The field problems of the first error of a response. */
export const problemsOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }): Problem[] =>
  (res.errors?.[0]?.extensions?.fields as Problem[] | undefined) ?? [];
