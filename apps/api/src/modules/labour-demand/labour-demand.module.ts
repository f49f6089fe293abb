import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { LabourDemandResolver } from './labour-demand.resolver';
import { LabourDemandService } from './labour-demand.service';

@Module({ imports: [ReferenceModule], providers: [LabourDemandService, LabourDemandResolver], exports: [LabourDemandService] })
export class LabourDemandModule {}
