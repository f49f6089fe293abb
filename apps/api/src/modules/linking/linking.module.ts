import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { LinkingResolver } from './linking.resolver';
import { LinkingService } from './linking.service';

@Module({ imports: [ReferenceModule, SuggestionsModule], providers: [LinkingService, LinkingResolver], exports: [LinkingService] })
export class LinkingModule {}
