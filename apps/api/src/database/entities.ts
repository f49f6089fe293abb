import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { CandidateMonitoringEntity } from '../modules/candidates/candidate-monitoring.entity';
import { CandidateEntity } from '../modules/candidates/candidate.entity';
import { EmployerEntity } from '../modules/employers/employer.entity';
import { HouseholdEntity, HouseholdMemberEntity } from '../modules/households/household.entity';
import { VacancyEntity } from '../modules/vacancies/vacancy.entity';
import { LabourDemandEntity } from '../modules/labour-demand/labour-demand.entity';
import { RecordChangeEntity } from '../modules/records/record-change.entity';
import { LinkDecisionEntity } from '../modules/linking/link-decision.entity';
import { ScenarioEntity } from '../modules/scenarios/scenario.entity';
import { OutcomeModelEntity } from '../modules/outcome/outcome-model.entity';
import { JobEntity } from '../modules/jobs/job.entity';
import { PlacePriceSetEntity } from '../modules/place-prices/place-price-set.entity';
import { ApiKeyEntity } from '../modules/auth/api-key.entity';
import { HousingNationalTotalEntity } from '../modules/housing/housing-national-total.entity';
import { IscoGroupEntity } from '../modules/reference/entities/isco-group.entity';
import { LabourMarketRegionEntity } from '../modules/reference/entities/labour-market-region.entity';
import { MunicipalityEntity } from '../modules/reference/entities/municipality.entity';
import { OccupationSearchTermEntity } from '../modules/reference/entities/occupation-search-term.entity';
import { OccupationSkillEntity } from '../modules/reference/entities/occupation-skill.entity';
import { OccupationEntity } from '../modules/reference/entities/occupation.entity';
import { PostcodeAreaEntity } from '../modules/reference/entities/postcode-area.entity';
import { ProvinceEntity } from '../modules/reference/entities/province.entity';
import { ReferenceDatasetEntity } from '../modules/reference/entities/reference-dataset.entity';
import { SkillEntity } from '../modules/reference/entities/skill.entity';

/** Every TypeORM entity; the data source, the migration generator and tests share this list. */
export const ENTITIES = [
  ProvinceEntity,
  LabourMarketRegionEntity,
  MunicipalityEntity,
  PostcodeAreaEntity,
  IscoGroupEntity,
  OccupationEntity,
  OccupationSearchTermEntity,
  SkillEntity,
  OccupationSkillEntity,
  ReferenceDatasetEntity,
  HousingNationalTotalEntity,
  ApiKeyEntity,
  AuditEventEntity,
  EmployerEntity,
  VacancyEntity,
  CandidateEntity,
  CandidateMonitoringEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  LabourDemandEntity,
  RecordChangeEntity,
  LinkDecisionEntity,
  JobEntity,
  ScenarioEntity,
  OutcomeModelEntity,
  PlacePriceSetEntity,
];
