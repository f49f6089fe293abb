import { registerEnumType } from '@nestjs/graphql';

/** R5: CEFR level, NONE for no command of the language. Same values as @kansrijk/scoring's Cefr. */
export enum CefrLevel {
  NONE = 'NONE',
  A1 = 'A1',
  A2 = 'A2',
  B1 = 'B1',
  B2 = 'B2',
  C1 = 'C1',
  C2 = 'C2',
}

/** R1–R3 */
export enum LegalStatusEnum {
  ASYLUM_SEEKER = 'ASYLUM_SEEKER',
  STATUS_HOLDER = 'STATUS_HOLDER',
  DISPLACED_UKRAINE = 'DISPLACED_UKRAINE',
}

/** R5: civic-integration route (2021 law). */
export enum IntegrationRouteEnum {
  B1 = 'B1',
  EDUCATION = 'EDUCATION',
  Z = 'Z',
}

/** R6 */
export enum DiplomaStatusEnum {
  NONE = 'NONE',
  SELF_REPORTED = 'SELF_REPORTED',
  EVALUATED = 'EVALUATED',
  RECOGNISED = 'RECOGNISED',
}

/** R6: Dutch-equivalent education level. */
export enum EducationLevelEnum {
  NONE = 'NONE',
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
  MBO = 'MBO',
  HBO = 'HBO',
  WO = 'WO',
}

/** R12 */
export enum TieKindEnum {
  FAMILY = 'FAMILY',
  WORK = 'WORK',
  EDUCATION = 'EDUCATION',
  MEDICAL = 'MEDICAL',
}

export enum VacancyStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** Monitoring only (R17): never a scoring input. */
export enum GenderEnum {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  X = 'X',
}

registerEnumType(CefrLevel, { name: 'CefrLevel', description: 'R5: CEFR level; NONE = no command of the language.' });
registerEnumType(LegalStatusEnum, { name: 'LegalStatus', description: 'R1 asylum seeker, R2 status holder, R3 displaced from Ukraine.' });
registerEnumType(IntegrationRouteEnum, { name: 'IntegrationRoute', description: 'R5: B1 route, education route or Z (self-reliance) route.' });
registerEnumType(DiplomaStatusEnum, { name: 'DiplomaStatus', description: 'R6: status of a foreign qualification.' });
registerEnumType(EducationLevelEnum, { name: 'EducationLevel', description: 'R6: Dutch-equivalent level.' });
registerEnumType(TieKindEnum, { name: 'TieKind', description: 'R12: family, work, education or medical tie to a place.' });
registerEnumType(VacancyStatus, { name: 'VacancyStatus' });
registerEnumType(GenderEnum, { name: 'Gender', description: 'For fairness monitoring only (R17); never scored.' });
