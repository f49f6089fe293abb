import { Module } from '@nestjs/common';
import { HousingResolver, MunicipalityHousingResolver } from './housing.resolver';
import { HousingService } from './housing.service';

@Module({ providers: [HousingService, HousingResolver, MunicipalityHousingResolver], exports: [HousingService] })
export class HousingModule {}
