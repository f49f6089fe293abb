import { Module } from '@nestjs/common';
import { CohortService } from '../placement/cohort.service';
import { PlacementResolver } from '../placement/placement.resolver';
import { PlacementJobs } from '../placement/placement-jobs.service';
import { PlacementService } from '../placement/placement.service';
import { OutcomeModule } from '../outcome/outcome.module';
import { ReferenceModule } from '../reference/reference.module';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { ScenariosResolver } from './scenarios.resolver';
import { ScenariosService } from './scenarios.service';

/** Cohort placement (planPlacement, placement jobs) and what-if scenarios (runScenario), which share the cohort problem. */
@Module({
  imports: [ReferenceModule, SuggestionsModule, OutcomeModule],
  providers: [CohortService, PlacementService, PlacementJobs, PlacementResolver, ScenariosService, ScenariosResolver],
  exports: [CohortService, ScenariosService],
})
export class ScenariosModule {}
