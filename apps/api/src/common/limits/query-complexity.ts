import { getNamedType, getNullableType, GraphQLObjectType, GraphQLSchema, isListType, isObjectType } from 'graphql';
import { ComplexityEstimator } from 'graphql-query-complexity';

/** A top-level field runs its own resolver, access check, database queries and audit entry. */
export const TOP_LEVEL_FIELD_COST = 200;
/** Assumed length of a list of records (a type with an `id` or `code`) that has no `take`. */
export const RECORD_LIST_SIZE = 10;
/** Assumed length of a list of values inside one record (diplomas, ties, score components). */
export const VALUE_LIST_SIZE = 3;

const isRecordType = (t: GraphQLObjectType) => 'id' in t.getFields() || 'code' in t.getFields();

/**
 * The complexity of an operation, for `graphql-query-complexity`:
 * - every field costs 1, a top-level field (query or mutation) 200;
 * - a field with a `take` argument multiplies what is selected below it by `take`;
 * - a list without one multiplies it by 10 when it lists records (municipalities of a
 *   region, members of a household) and by 3 when it lists values inside one record
 *   (diplomas, ties); a page's `items` by 1, as its page's `take` already counts;
 * - introspection costs 1 a field, without multipliers (it is off in production).
 * So 200 aliases of one top-level field cost at least 40,200; a page of 100 candidates
 * with every field about 9,000; regions nested in municipalities nested in regions grow
 * tenfold a level.
 */
export function complexityEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t) => !!t));
  return ({ type, field, args, childComplexity }) => {
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 1 + childComplexity;
    const base = roots.has(type as never) ? TOP_LEVEL_FIELD_COST : 1;
    let multiplier = 1;
    if (typeof args.take === 'number') multiplier = Math.max(0, args.take);
    else if (isListType(getNullableType(field.type)) && !(field.name === 'items' && type.name.endsWith('Page'))) {
      const item = getNamedType(field.type);
      multiplier = isObjectType(item) && isRecordType(item) ? RECORD_LIST_SIZE : VALUE_LIST_SIZE;
    }
    return base + multiplier * childComplexity;
  };
}
