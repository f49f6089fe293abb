import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Type } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** The page cap for every list in the API. */
export const MAX_TAKE = 100;

/** `skip`/`take` for every paginated list: `take` is capped at 100. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 0, description: 'Items to skip (0 or more).' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  skip = 0;

  @Field(() => Int, { defaultValue: 20, description: `Items to return (0 to ${MAX_TAKE}).` })
  @IsInt()
  @Min(0)
  @Max(MAX_TAKE)
  take = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** The one list shape of the API: `{ items, total }`. */
export function Paginated<T>(item: Type<T>, name: string): Type<Page<T>> {
  @ObjectType(name)
  class PageType {
    @Field(() => [item])
    items: T[];

    @Field(() => Int, { description: 'All items that match, regardless of skip and take.' })
    total: number;
  }
  return PageType as Type<Page<T>>;
}
