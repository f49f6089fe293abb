import { Module } from '@nestjs/common';
import { HouseholdsResolver } from './households.resolver';
import { HouseholdsService } from './households.service';

@Module({ providers: [HouseholdsService, HouseholdsResolver], exports: [HouseholdsService] })
export class HouseholdsModule {}
