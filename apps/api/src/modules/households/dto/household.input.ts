import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageArgs } from '../../../common/pagination';
import { IsLocalDate, Trim } from '../../../common/validation/decorators';
import { EXTERNAL_ID } from '../../candidates/dto/candidate.input';

@InputType({ description: 'R16: a household; its members are existing candidates.' })
export class HouseholdInput {
  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1 to 100 letters, digits or . _ : / -' })
  externalId?: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'memberIds must not repeat a candidate' })
  @IsUUID('all', { each: true, message: 'each member id must be a uuid' })
  memberIds: string[];

  @Field(() => Int, { nullable: true, description: 'Persons in the household (default: the number of members); at least the members.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  size?: number;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsLocalDate()
  arrivalDate?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  synthetic?: boolean;
}

@InputType({
  description:
    'R16: a change to a household (a member added, a birth, a member leaving); fields not given keep their value. memberIds replaces the members; size then follows the members added and removed unless given.',
})
export class HouseholdUpdateInput {
  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @Trim()
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1 to 100 letters, digits or . _ : / -' })
  externalId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The members with a candidate record, all of them (replaces the list).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'memberIds must not repeat a candidate' })
  @IsUUID('all', { each: true, message: 'each member id must be a uuid' })
  memberIds?: string[];

  @Field(() => Int, { nullable: true, description: 'Persons in the household, at least the members (a birth: size + 1).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  size?: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' })
  @IsOptional()
  @IsLocalDate()
  arrivalDate?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  synthetic?: boolean;
}

@ArgsType()
export class HouseholdsArgs extends PageArgs {}

