import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../common/pagination';

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

@ObjectType()
export class HouseholdPage extends Paginated(Household, 'HouseholdPage') {}
