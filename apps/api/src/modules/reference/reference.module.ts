import { Module } from '@nestjs/common';
import {
  LabourMarketRegionFieldsResolver,
  MunicipalityFieldsResolver,
  OccupationFieldsResolver,
  PostcodeFieldsResolver,
  ReferenceResolver,
} from './reference.resolver';
import { ReferenceService } from './reference.service';

@Module({
  providers: [
    ReferenceService,
    ReferenceResolver,
    MunicipalityFieldsResolver,
    LabourMarketRegionFieldsResolver,
    PostcodeFieldsResolver,
    OccupationFieldsResolver,
  ],
  exports: [ReferenceService],
})
export class ReferenceModule {}
