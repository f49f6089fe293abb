import { getNamedType, GraphQLField, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, isAbstractType, isLeafType, isNonNullType, isObjectType } from 'graphql';

/**
 * Walking the schema itself, so that a test follows every field there is today and every
 * field added later without being told: the selection of everything below an operation's
 * return type, and the answer read back against the types it came from.
 */

export interface Operation {
  kind: 'query' | 'mutation';
  /** `Query.candidate`, `Mutation.updateCandidate`. */
  coordinate: string;
  field: GraphQLField<unknown, unknown>;
}

export function operations(schema: GraphQLSchema): Operation[] {
  return ([schema.getQueryType(), schema.getMutationType()].filter(Boolean) as GraphQLObjectType[]).flatMap((type) =>
    Object.values(type.getFields()).map((field) => ({ kind: type.name === 'Query' ? ('query' as const) : ('mutation' as const), coordinate: `${type.name}.${field.name}`, field })),
  );
}

/** Every object type reachable from `type` through fields (itself included). */
export function reachableTypes(type: GraphQLNamedType): Set<string> {
  const seen = new Set<string>();
  const visit = (t: GraphQLNamedType) => {
    if (!isObjectType(t) || seen.has(t.name)) return;
    seen.add(t.name);
    for (const f of Object.values(t.getFields())) visit(getNamedType(f.type));
  };
  visit(type);
  return seen;
}

/** Every `Type.field` reachable from `type` (the fields of every reachable object type). */
export function reachableFields(type: GraphQLNamedType, schema: GraphQLSchema): string[] {
  return [...reachableTypes(type)].flatMap((name) => Object.keys((schema.getType(name) as GraphQLObjectType).getFields()).map((f) => `${name}.${f}`));
}

export interface Selection {
  text: string;
  /** Fields left out because they need an argument the walk cannot invent. */
  skipped: string[];
}

/**
 * A selection of every field below `type`, with `__typename` on every object so the answer
 * can be read back. An object type appears at most `maxVisits` times on one path, so
 * `Candidate → household → members → household` is followed and the cycle still ends.
 */
export function selectEverything(type: GraphQLNamedType, maxVisits = 2, path: string[] = []): Selection {
  if (isLeafType(type)) return { text: '', skipped: [] };
  if (isAbstractType(type)) throw new Error(`${type.name}: interfaces and unions are not walked yet; teach selectEverything inline fragments`);
  const object = type as GraphQLObjectType;
  const onPath = [...path, object.name];
  const skipped: string[] = [];
  const parts = ['__typename'];
  for (const f of Object.values(object.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) {
      skipped.push(`${object.name}.${f.name}`);
      continue;
    }
    const named = getNamedType(f.type);
    if (isLeafType(named)) {
      parts.push(f.name);
      continue;
    }
    if (onPath.filter((n) => n === named.name).length >= maxVisits) continue;
    const sub = selectEverything(named, maxVisits, onPath);
    skipped.push(...sub.skipped);
    parts.push(`${f.name} { ${sub.text} }`);
  }
  return { text: parts.join(' '), skipped };
}

/** One request for an operation with `args` as variables, selecting everything below it. */
export function requestFor(op: Operation, args: Record<string, unknown>): { query: string; variables: Record<string, unknown> } {
  const missing = op.field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined && !(a.name in args)).map((a) => a.name);
  if (missing.length) throw new Error(`${op.coordinate}: no value for required argument(s) ${missing.join(', ')}`);
  const used = op.field.args.filter((a) => a.name in args);
  const declared = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(op.field.type);
  const selection = isLeafType(named) ? '' : ` { ${selectEverything(named).text} }`;
  const query = `${op.kind}${declared ? ` (${declared})` : ''} { ${op.field.name}${passed ? `(${passed})` : ''}${selection} }`;
  return { query, variables: Object.fromEntries(used.map((a) => [a.name, args[a.name]])) };
}

/** One value met in an answer: the field it came from and the object types above it. */
export interface Met {
  /** `Household.members`; `Query.candidate` for an operation's own answer. */
  coordinate: string;
  value: unknown;
  /** Type names from the operation's answer down to the object holding the field. */
  ancestors: string[];
}

/**
 * Every field value in an answer, read back through the `__typename` the selection asked
 * for. Lists are entered; each element is met as the field's value too.
 */
export function walkAnswer(root: string, value: unknown, visit: (m: Met) => void): void {
  const enter = (coordinate: string, v: unknown, ancestors: string[]) => {
    visit({ coordinate, value: v, ancestors });
    if (Array.isArray(v)) {
      for (const item of v) enter(coordinate, item, ancestors);
      return;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const typename = typeof o.__typename === 'string' ? o.__typename : '?';
      for (const [k, child] of Object.entries(o)) if (k !== '__typename') enter(`${typename}.${k}`, child, [...ancestors, typename]);
    }
  };
  enter(root, value, []);
}
