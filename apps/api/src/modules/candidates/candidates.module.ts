import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { CandidatesResolver } from './candidates.resolver';
import { CandidatesService } from './candidates.service';

@Module({ imports: [ReferenceModule], providers: [CandidatesService, CandidatesResolver], exports: [CandidatesService] })
export class CandidatesModule {}
