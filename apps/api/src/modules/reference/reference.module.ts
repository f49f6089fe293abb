import { Module } from '@nestjs/common';
import {
  LabourMarketRegionFieldsResolver,
  MunicipalityFieldsResolver,
  OccupationFieldsResolver,
  PostcodeFieldsResolver,
  ReferenceResolver,
} from './reference.resolver';
import { ReferenceService } from './reference.service';
import { ReferenceIndex } from './reference-index.service';

@Module({
  providers: [
    ReferenceService,
    ReferenceIndex,
    ReferenceResolver,
    MunicipalityFieldsResolver,
    LabourMarketRegionFieldsResolver,
    PostcodeFieldsResolver,
    OccupationFieldsResolver,
  ],
  exports: [ReferenceService, ReferenceIndex],
})
export class ReferenceModule {}
