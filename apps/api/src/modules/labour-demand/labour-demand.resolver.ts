import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Matches, IsOptional } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { Public, Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { LabourDemandFigure, LabourDemandImportInput, LabourDemandImportResult, LabourDemandInfo } from './labour-demand.models';
import { LabourDemandService } from './labour-demand.service';

@ArgsType()
class LabourDemandArgs {
  @Field()
  @Matches(/^AM\d{2}$/, { message: 'regionCode must be a labour-market region code like AM18' })
  regionCode: string;

  @Field(() => String, { nullable: true, description: 'ISCO group prefix, 1 to 4 digits.' })
  @IsOptional()
  @Matches(/^\d{1,4}$/, { message: 'iscoGroup must have 1 to 4 digits' })
  iscoGroup?: string;
}

@Resolver()
export class LabourDemandResolver {
  constructor(private readonly service: LabourDemandService) {}

  @Public()
  @Query(() => LabourDemandInfo, { description: 'Which labour-demand figures are in use, and whether they are the illustrative sample.' })
  labourDemandInfo(): Promise<LabourDemandInfo> {
    return this.service.info();
  }

  @Public()
  @Query(() => [LabourDemandFigure], { description: 'Tension figures of a labour-market region (R10, R14).' })
  labourDemand(@Args() { regionCode, iscoGroup }: LabourDemandArgs): Promise<LabourDemandFigure[]> {
    return this.service.figures(regionCode, iscoGroup);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => LabourDemandImportResult, {
    description: 'Imports labour-demand figures (e.g. a new UWV quarter), all or nothing: MERGE (default) by region and ISCO group, or REPLACE every figure; lists what it replaced and removed.',
  })
  importLabourDemand(@CurrentPrincipal() p: Principal, @Args('input') input: LabourDemandImportInput): Promise<LabourDemandImportResult> {
    return this.service.import(p, input);
  }
}
