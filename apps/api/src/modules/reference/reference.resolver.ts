import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DATA_ATTRIBUTION } from '@kansrijk/reference-data';
import { policyInForce } from '@kansrijk/scoring';
import { Public } from '../../common/auth/access.decorators';
import { GqlContext } from '../../common/graphql/context';
import { APP_VERSION } from '../../common/app-info';
import { MunicipalitiesArgs, MunicipalityArgs, PostcodeArgs, SearchArgs } from './dto/reference.args';
import {
  About,
  IscoGroup,
  LabourMarketRegion,
  Municipality,
  MunicipalityPage,
  Occupation,
  Postcode,
  Skill,
} from './models/reference.models';
import { ReferenceService, referenceBatches } from './reference.service';

/** Reference data is public (no personal data): every operation here is marked so. */
@Resolver()
export class ReferenceResolver {
  constructor(private readonly reference: ReferenceService) {}

  @Public()
  @Query(() => About, { description: 'Version, policy version, data attribution and row counts.' })
  async about(): Promise<About> {
    return {
      name: 'Kansrijk',
      version: APP_VERSION,
      policyVersion: policyInForce(new Date().toISOString().slice(0, 10)).version,
      dataAttribution: DATA_ATTRIBUTION,
      counts: await this.reference.counts(),
    };
  }

  @Public()
  @Query(() => Municipality, { nullable: true, description: 'A municipality by CBS code; null when unknown.' })
  municipality(@Args() { code }: MunicipalityArgs, @Context() ctx: GqlContext): Promise<Municipality | null> {
    return ctx.loaders.get('municipality', referenceBatches.municipality).load(code);
  }

  @Public()
  @Query(() => MunicipalityPage, { description: 'Municipalities by name, filtered by province, region or name prefix.' })
  municipalities(@Args() { filter, skip, take }: MunicipalitiesArgs): Promise<MunicipalityPage> {
    return this.reference.municipalities(filter, skip, take);
  }

  @Public()
  @Query(() => [LabourMarketRegion], { description: 'The 35 labour-market regions.' })
  labourMarketRegions(): Promise<LabourMarketRegion[]> {
    return this.reference.labourMarketRegions();
  }

  @Public()
  @Query(() => [Occupation], { description: 'ESCO occupations by Dutch or English label, alternative label or ISCO code.' })
  occupations(@Args() { search, take }: SearchArgs): Promise<Occupation[]> {
    return this.reference.searchOccupations(search, take);
  }

  @Public()
  @Query(() => [Skill], { description: 'ESCO skills by English label.' })
  skills(@Args() { search, take }: SearchArgs): Promise<Skill[]> {
    return this.reference.searchSkills(search, take);
  }

  @Public()
  @Query(() => Postcode, { nullable: true, description: 'A four-digit postcode area; null when unknown.' })
  postcode(@Args() { pc4 }: PostcodeArgs): Promise<Postcode | null> {
    return this.reference.postcode(pc4);
  }
}

@Resolver(() => Municipality)
export class MunicipalityFieldsResolver {
  @ResolveField(() => LabourMarketRegion)
  labourMarketRegion(@Parent() m: Municipality, @Context() ctx: GqlContext): Promise<LabourMarketRegion | null> {
    return ctx.loaders.get('region', referenceBatches.region).load(m.regionCode);
  }
}

@Resolver(() => LabourMarketRegion)
export class LabourMarketRegionFieldsResolver {
  @ResolveField(() => [Municipality])
  async municipalities(@Parent() r: LabourMarketRegion, @Context() ctx: GqlContext): Promise<Municipality[]> {
    return (await ctx.loaders.get('municipalitiesOfRegion', referenceBatches.municipalitiesOfRegion).load(r.code)) ?? [];
  }
}

@Resolver(() => Postcode)
export class PostcodeFieldsResolver {
  @ResolveField(() => Municipality)
  municipality(@Parent() p: Postcode, @Context() ctx: GqlContext): Promise<Municipality | null> {
    return ctx.loaders.get('municipality', referenceBatches.municipality).load(p.municipalityCode);
  }
}

@Resolver(() => Occupation)
export class OccupationFieldsResolver {
  @ResolveField(() => IscoGroup, { nullable: true, description: 'The ISCO-08 unit group.' })
  iscoGroup(@Parent() o: Occupation, @Context() ctx: GqlContext): Promise<IscoGroup | null> {
    return ctx.loaders.get('iscoGroup', referenceBatches.iscoGroup).load(o.iscoCode);
  }
}
