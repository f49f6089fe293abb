import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/pagination';

/** `candidate.read`, or a family of actions: `candidate.*`. */
export const ACTION_FILTER = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*(\.\*)?$/;

@InputType({ description: 'Every filter given must match.' })
export class AuditLogFilter {
  @Field({ nullable: true, description: 'An action (candidate.read), or all actions under a prefix (candidate.*).' })
  @IsOptional()
  @MaxLength(64)
  @Matches(ACTION_FILTER, { message: 'action must be an action like candidate.read, or a prefix like candidate.*' })
  action?: string;

  @Field(() => ID, { nullable: true, description: 'Entries of this API key.' })
  @IsOptional()
  @IsUUID('all', { message: 'actorKeyId must be a uuid' })
  actorKeyId?: string;

  @Field({ nullable: true, description: 'Entries about this pseudonym or record id.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  subjectRef?: string;

  @Field(() => Date, { nullable: true, description: 'From this moment (inclusive).' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Up to this moment (exclusive).' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}
