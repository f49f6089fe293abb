import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { PlacePricesResolver } from './place-prices.resolver';
import { PlacePricesService } from './place-prices.service';
import { PlacePricesStore } from './place-prices.store';

/** The prices of places (R11) per half-year: computed by jobs, read by dynamic suggestions. */
@Module({ imports: [ReferenceModule], providers: [PlacePricesService, PlacePricesStore, PlacePricesResolver], exports: [PlacePricesStore, PlacePricesService] })
export class PlacePricesModule {}
