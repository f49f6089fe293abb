import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean } from 'class-validator';
import { MAX_IMPORT_ROWS } from '../../records/import';
import { CandidateInput } from './candidate.input';

@ArgsType()
export class ImportCandidatesArgs {
  /** Rows are validated one by one by the import, so one bad row does not hide the others. */
  @Field(() => [CandidateInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  input: unknown[];

  @Field(() => Boolean, { defaultValue: true, description: 'true: save all rows or none.' })
  @IsBoolean()
  atomic = true;
}
