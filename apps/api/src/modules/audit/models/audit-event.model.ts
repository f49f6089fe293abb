import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../common/pagination';

/** One entry of the append-only audit trail (R19, R20). Persons appear only by pseudonym. */
@ObjectType({ description: 'An audit trail entry. Candidates appear only by pseudonym.' })
export class AuditEvent {
  @Field(() => ID, { description: 'Increasing with time of writing.' }) id: string;
  @Field() at: Date;
  @Field(() => ID, { nullable: true, description: 'The API key that acted; null for a command run by an operator.' }) actorKeyId: string | null;
  @Field(() => String, { nullable: true }) actorRole: string | null;
  @Field(() => String, { nullable: true }) actorTenant: string | null;
  @Field({ description: 'What happened, e.g. candidate.read, key.created, suggestions.jobs.' }) action: string;
  @Field(() => String, { nullable: true, description: 'candidate, household, vacancy, employer, api_key, ...' }) subjectType: string | null;
  @Field(() => [String], { description: 'Candidate pseudonyms, or ids of non-personal records.' }) subjectRefs: string[];
  @Field({ description: 'Further facts as a JSON object (e.g. a suggestion list: policy version, ranked ids and scores).' }) details: string;
}

export const AuditEventPage = Paginated(AuditEvent, 'AuditEventPage');
