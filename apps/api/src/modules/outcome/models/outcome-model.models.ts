import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';

@InputType({ description: 'An outcome model file written by `npm run model:fit`.' })
export class OutcomeModelInput {
  @Field({ description: 'The model file\'s JSON text (format kansrijk.outcome-model).' })
  @IsString()
  @MinLength(2)
  @MaxLength(20_000_000)
  model: string;
}

@ObjectType({ description: 'A group\'s calibration in the model\'s cross-validation (R17: for evaluation only).' })
export class OutcomeGroupCalibration {
  @Field({ description: 'gender, ageBand or origin' }) dimension: string;
  @Field() group: string;
  @Field(() => Int) adults: number;
  @Field(() => Float, { nullable: true }) auc: number | null;
  @Field(() => Float) meanPredicted: number;
  @Field(() => Float) observed: number;
  @Field(() => Float, { description: 'observed − mean predicted: > 0 the model under-predicts the group.' }) calibrationGap: number;
}

@ObjectType({ description: 'The proxy audit of one monitoring attribute (R17).' })
export class OutcomeProxyResult {
  @Field() attribute: string;
  @Field(() => Float, { nullable: true, description: 'Highest cross-validated AUC of the model\'s inputs telling one group from the rest.' }) auc: number | null;
  @Field() flagged: boolean;
  @Field(() => [String], { description: 'The inputs that carry most of it, for the group with the highest AUC.' }) topFeatures: string[];
  @Field(() => String, { nullable: true }) skipped: string | null;
}

@ObjectType({ description: 'The outcome model in use: what it predicts, what it learnt from, and how honest its fit is.' })
export class OutcomeModelInfo {
  @Field({ description: 'name@hash: named in every answer that uses the model.' }) version: string;
  @Field() name: string;
  @Field() createdAt: string;
  @Field({ description: 'employed24: employed within 24 months of the link.' }) target: string;
  @Field({ description: 'file (OUTCOME_MODEL_PATH at boot) or admin (loadOutcomeModel).' }) source: string;
  @Field() loadedAt: Date;
  @Field({ description: 'True when fitted on a synthetic history: it then says nothing about real people.' }) synthetic: boolean;
  @Field(() => Int) trainingRows: number;
  @Field() dataHash: string;
  @Field(() => [String]) features: string[];
  @Field(() => Float, { nullable: true, description: 'Cross-validated AUC.' }) auc: number | null;
  @Field(() => Float) brier: number;
  @Field(() => Float, { description: 'Largest |mean predicted − observed| over the deciles (cross-validated).' }) maxCalibrationError: number;
  @Field(() => Float, { nullable: true, description: 'Largest calibration gap between two groups of one dimension.' }) largestGroupGap: number | null;
  @Field(() => [OutcomeGroupCalibration]) groups: OutcomeGroupCalibration[];
  @Field(() => [OutcomeProxyResult]) proxyAudit: OutcomeProxyResult[];
  @Field(() => Int) bootstrapReplicates: number;
}

@ObjectType({ description: 'One term\'s effect on a household\'s expected adults in work, in words (R18).' })
export class OutcomeContributionView {
  @Field() term: string;
  @Field(() => Float, { description: 'Expected adults in work with the adults\' own values of the term minus with the average adult\'s.' }) effect: number;
  @Field() reason: string;
  @Field() reasonNl: string;
  @Field() reasonEn: string;
}

@ObjectType({ description: 'What the outcome model expects of the household in this municipality (R14, R16: every adult counted).' })
export class ExpectedEmploymentView {
  @Field() modelVersion: string;
  @Field(() => Int) adults: number;
  @Field(() => Float, { description: 'Expected number of adults in work at 24 months.' }) expected: number;
  @Field(() => Float, { description: 'expected ÷ adults: the link component\'s value.' }) share: number;
  @Field(() => [OutcomeContributionView]) contributions: OutcomeContributionView[];
}
