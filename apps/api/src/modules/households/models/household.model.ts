import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../common/pagination';
import { TieKindEnum } from '../../records/enums';
import { Location } from '../../records/location';

@ObjectType({ description: 'R16: the unit of placement; members are candidates, size counts every person.' })
export class Household {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => Int, { description: 'Persons in the household, also those without a candidate record (children).' })
  size: number;
  @Field(() => String, { nullable: true, description: 'When the household entered the linking queue.' })
  arrivalDate: string | null;
  @Field() synthetic: boolean;
  @Field() createdAt: Date;

  /** Not exposed: the owning platform tenant, that of its members (null: none), for the record scope (R20). */
  tenant: string | null;
}

@ObjectType({ description: 'R12: a tie of a member that counts as hard under the default policy, with the radius a link must keep to.' })
export class HouseholdHardTie {
  @Field({ description: 'The member whose tie it is.' }) memberPseudonym: string;
  @Field(() => TieKindEnum) kind: string;
  @Field() municipalityCode: string;
  @Field(() => Location) location: Location;
  @Field(() => Float, { description: 'R12: a linked municipality must lie within this many km (policy tieRadiusKm).' }) radiusKm: number;
}

@ObjectType()
export class HouseholdPage extends Paginated(Household, 'HouseholdPage') {}
