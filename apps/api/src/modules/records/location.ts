import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { IsLatitude, IsLongitude, IsOptional, Matches } from 'class-validator';
import { Trim } from '../../common/validation/decorators';

/** Where something is: a four-digit postcode (resolved to its centroid), or latitude and longitude. */
@InputType()
export class LocationInput {
  @Field({ nullable: true, description: 'Four-digit postcode; resolved to its centroid.' })
  @IsOptional()
  @Trim()
  @Matches(/^[1-9]\d{3}$/, { message: 'postcode must be a four-digit Dutch postcode like 1011' })
  postcode?: string;

  @Field(() => Float, { nullable: true, description: 'WGS84 latitude; with lon, instead of a postcode.' })
  @IsOptional()
  @IsLatitude()
  lat?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  lon?: number;
}

@ObjectType()
export class Location {
  @Field(() => String, { nullable: true })
  postcode: string | null;

  @Field(() => Float)
  lat: number;

  @Field(() => Float)
  lon: number;

  @Field({ description: 'The municipality the point lies in.' })
  municipalityCode: string;
}

/** A location after resolution: coordinates, municipality and labour-market region. */
export interface ResolvedLocation {
  postcode: string | null;
  lat: number;
  lon: number;
  municipalityCode: string;
  regionCode: string;
}
