import { defaultFieldResolver, getNamedType, GraphQLFieldResolver, GraphQLSchema, isListType, isNonNullType, isObjectType } from 'graphql';
import { DomainError } from '../errors/domain-errors';
import { GqlContext } from '../graphql/context';
import { mayReadRecord, RECORD_TYPES } from './tenancy';

type Owned = { tenant?: string | null };

/**
 * Applies the tenancy rule (R20) to every field of the schema whose type is a record
 * (RECORD_TYPES), at the one point every answer passes: what a resolver returns for such a
 * field is shown only when the caller may read it. A list drops what the caller may not
 * see, a nullable field answers null, a required field NOT_FOUND. So a path added later
 * (a new field returning a Candidate, a household reached from a candidate reached from a
 * household) is scoped without anyone remembering to, and a value whose owner is not known
 * (a model mapped without its `tenant`) is shown to no platform.
 *
 * Only fields returning records are wrapped; every other field keeps graphql-js's default
 * resolver path. The schema is changed in place before it serves (graphql-middleware and
 * graphql-shield work the same way); `@graphql-tools/utils`' mapSchema would rebuild every
 * type for the same effect and is not a dependency of ours.
 */
export function scopeRecordFields(schema: GraphQLSchema): GraphQLSchema {
  const records = new Set<string>(RECORD_TYPES);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!records.has(getNamedType(field.type).name)) continue;
      const inner: GraphQLFieldResolver<unknown, GqlContext> = field.resolve ?? defaultFieldResolver;
      const required = isNonNullType(field.type) && !isListType(field.type.ofType);
      const what = getNamedType(field.type).name.toLowerCase();
      field.resolve = (source, args, context: GqlContext, info) => {
        const out = inner(source, args, context, info);
        const shown = (value: unknown) => scoped(value, context, required, what);
        // A thenable, as graphql-js tells (a Promise of another realm fails `instanceof`).
        return isThenable(out) ? out.then(shown) : shown(out);
      };
    }
  }
  return schema;
}

const isThenable = (x: unknown): x is PromiseLike<unknown> => typeof (x as { then?: unknown } | null)?.then === 'function';

function scoped(value: unknown, context: GqlContext, required: boolean, what: string): unknown {
  // Nest's exception filters hand a refused call's error back as the value (graphql-js throws it).
  if (value === null || value === undefined || value instanceof Error) return value;
  const principal = context.req?.principal;
  if (Array.isArray(value)) return value.filter((v) => v === null || v === undefined || mayReadRecord(principal, (v as Owned).tenant));
  if (mayReadRecord(principal, (value as Owned).tenant)) return value;
  // Like a record that does not exist (no id: it is not the caller's to learn).
  if (required) throw new DomainError('NOT_FOUND', `${what} not found`);
  return null;
}
