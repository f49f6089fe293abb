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

@ArgsType()
export class HouseholdsArgs extends PageArgs {}

