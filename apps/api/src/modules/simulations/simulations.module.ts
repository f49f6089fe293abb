import { Module } from '@nestjs/common';
import { SimulationsResolver } from './simulations.resolver';
import { SimulationsService } from './simulations.service';

/** Arrival simulations (the online policies against the hindsight optimum), as jobs. */
@Module({ providers: [SimulationsService, SimulationsResolver] })
export class SimulationsModule {}
