import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class Employer {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'Chamber of Commerce number (8 digits).' }) kvkNumber: string | null;
  @Field(() => String, { nullable: true }) sector: string | null;
  @Field() synthetic: boolean;
  @Field() createdAt: Date;

  /** Not exposed: the owning platform tenant (null: COA or admin), for the record scope (R20). */
  tenant: string | null;
}
