import { Module } from '@nestjs/common';
import { OutcomeModelResolver } from './outcome-model.resolver';
import { OutcomeModelService } from './outcome-model.service';

/** The outcome model (libs/outcome) in the API: loaded at boot or by an admin, used by suggestions and scenarios. */
@Module({ providers: [OutcomeModelService, OutcomeModelResolver], exports: [OutcomeModelService] })
export class OutcomeModule {}
