import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../../common/validation/decorators';
import { EXTERNAL_ID } from '../../candidates/dto/candidate.input';

@InputType()
export class EmployerInput {
  @Field({ nullable: true, description: 'Your own id; unique per source. Creating it again updates the employer.' })
  @IsOptional()
  @Trim()
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1 to 100 letters, digits or . _ : / -' })
  externalId?: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ nullable: true, description: 'Chamber of Commerce (KvK) number, 8 digits.' })
  @IsOptional()
  @Trim()
  @Matches(/^\d{8}$/, { message: 'kvkNumber must be 8 digits' })
  kvkNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  sector?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  synthetic?: boolean;
}
