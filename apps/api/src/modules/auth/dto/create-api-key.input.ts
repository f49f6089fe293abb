import { Field, InputType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../../common/auth/role';
import { Trim } from '../../../common/validation/decorators';
import { LABEL_MAX, TENANT_SLUG } from '../api-key-rules';

/** The shape; the rules across fields (tenant only for PLATFORM, expiry ahead) are in api-key-rules.ts. */
@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field({ nullable: true, description: 'Required for PLATFORM, refused for other roles: the platform tenant, 2 to 64 of a-z, 0-9 and -.' })
  @IsOptional()
  @Matches(TENANT_SLUG, { message: 'tenant must be 2 to 64 lower-case letters, digits or hyphens, e.g. refugeework' })
  tenant?: string;

  @Field({ description: 'Who or what the key is for, e.g. "RefugeeWork production".' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(LABEL_MAX)
  label: string;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; default one year from now; must be in the future.' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date;
}
