import { Module } from '@nestjs/common';
import { LabourDemandModule } from '../labour-demand/labour-demand.module';
import { CapacityService } from '../linking/capacity.service';
import { MatchingService } from '../matching/matching.service';
import { OutcomeModule } from '../outcome/outcome.module';
import { PlacePricesModule } from '../place-prices/place-prices.module';
import { ReferenceModule } from '../reference/reference.module';
import { MunicipalitySuggestionsService } from './municipality-suggestions.service';
import { PolicyResolver } from './policy.resolver';
import { PolicyService } from './policy.service';
import { SuggestionsResolver } from './suggestions.resolver';
import { SuggestionsService } from './suggestions.service';

@Module({
  imports: [ReferenceModule, LabourDemandModule, OutcomeModule, PlacePricesModule],
  providers: [MatchingService, PolicyService, CapacityService, SuggestionsService, MunicipalitySuggestionsService, SuggestionsResolver, PolicyResolver],
  exports: [MatchingService, PolicyService, CapacityService, SuggestionsService, MunicipalitySuggestionsService],
})
export class SuggestionsModule {}
