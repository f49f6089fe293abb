import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../common/pagination';
import { CefrLevel, DiplomaStatusEnum, EducationLevelEnum, GenderEnum, IntegrationRouteEnum, LegalStatusEnum, TieKindEnum } from '../../records/enums';
import { Location } from '../../records/location';

@ObjectType()
export class Diploma {
  @Field(() => EducationLevelEnum) level: string;
  @Field(() => DiplomaStatusEnum) status: string;
  @Field(() => String, { nullable: true }) iscoCode: string | null;
  @Field(() => String, { nullable: true }) regulatedProfession: string | null;
}

@ObjectType()
export class HeldOccupation {
  @Field(() => ID, { nullable: true, description: 'ESCO occupation uuid, when known.' })
  occupationId: string | null;

  @Field()
  iscoCode: string;

  @Field(() => Float)
  years: number;
}

@ObjectType()
export class HardTie {
  @Field(() => TieKindEnum) kind: string;
  @Field() municipalityCode: string;
  @Field(() => Location) location: Location;
  @Field(() => Boolean, { nullable: true }) firstDegree: boolean | null;
  @Field(() => Int, { nullable: true }) hoursPerWeek: number | null;
  @Field(() => Int, { nullable: true }) contractMonths: number | null;
  @Field(() => Float, { nullable: true }) monthlyWage: number | null;
  @Field() signedContract: boolean;
  @Field() payslip: boolean;
  @Field(() => String, { nullable: true }) iscoCode: string | null;
}

@ObjectType()
export class Preferences {
  @Field(() => [String]) municipalityCodes: string[];
  @Field(() => [String]) regionCodes: string[];
  @Field(() => [String]) iscoGroups: string[];
}

@ObjectType({ description: 'R17: reporting attributes. Readable by ADMIN only.' })
export class CandidateMonitoring {
  @Field(() => String, { nullable: true }) nationality: string | null;
  @Field(() => String, { nullable: true }) countryOfBirth: string | null;
  @Field(() => GenderEnum, { nullable: true }) gender: string | null;
}

@ObjectType({ description: 'A job seeker or permit holder.' })
export class Candidate {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field({ description: 'Random, stable handle used in the audit trail and in aggregates instead of the id.' })
  pseudonym: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field() birthDate: string;
  @Field(() => LegalStatusEnum) legalStatus: string;
  @Field(() => String, { nullable: true }) applicationDate: string | null;
  @Field(() => String, { nullable: true }) permitDate: string | null;
  @Field(() => String, { nullable: true }) wDocumentIssued: string | null;
  @Field(() => String, { nullable: true }) wDocumentExpiry: string | null;
  @Field() livesInReception: boolean;
  @Field() dublinOrReturnDecision: boolean;
  @Field(() => Location) location: Location;
  @Field(() => CefrLevel) dutchLevel: string;
  @Field(() => CefrLevel) englishLevel: string;
  @Field(() => IntegrationRouteEnum, { nullable: true }) integrationRoute: string | null;
  @Field(() => [Diploma]) diplomas: Diploma[];
  @Field(() => [HeldOccupation]) occupations: HeldOccupation[];
  @Field(() => [ID], { description: 'ESCO skill uuids.' }) skillIds: string[];
  @Field(() => Int) hoursAvailable: number;
  @Field(() => Int) maxTravelKm: number;
  @Field(() => Preferences) preferences: Preferences;
  @Field(() => [HardTie]) ties: HardTie[];
  @Field() synthetic: boolean;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;

  /** Not exposed: resolved by field resolvers. */
  municipalityCode: string;
  /** Not exposed: the owning platform tenant (null: COA or admin), for the record scope (R20). */
  tenant: string | null;
}

@ObjectType()
export class CandidatePage extends Paginated(Candidate, 'CandidatePage') {}
