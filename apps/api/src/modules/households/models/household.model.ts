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
}

@ObjectType()
export class HouseholdPage extends Paginated(Household, 'HouseholdPage') {}
