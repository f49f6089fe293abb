import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { LinkingResolver } from './linking.resolver';
import { LinkReportService } from './link-report.service';
import { LinkingService } from './linking.service';
import { RelinkingService } from './relinking.service';

@Module({ imports: [ReferenceModule, SuggestionsModule], providers: [LinkingService, RelinkingService, LinkReportService, LinkingResolver], exports: [LinkingService] })
export class LinkingModule {}
