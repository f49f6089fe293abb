import fc from 'fast-check';
import {
  getNullableType,
  GraphQLArgument,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/**
 * fast-check arbitraries for a schema's input types, read from the schema itself, so a new
 * field or argument is fuzzed without being told. Two kinds of value:
 *
 * - `valueOf`: any value of the type, with edge numbers (0, -1, 2^31-1, 1e-7, 5e-324, …),
 *   strings from a pool chosen by the field's name (periods, municipality codes, postcodes,
 *   dates, ISCO codes, record ids) besides empty, long, hostile, NUL and random text, and now
 *   and then a value of the wrong JSON type (which GraphQL itself must refuse);
 * - `perturb`: a valid value with one part replaced, removed, repeated or perturbed again,
 *   so the fuzz reaches the checks behind the first required field: references, dates,
 *   domain rules and the database.
 */
export interface FuzzContext {
  /** Strings worth trying for a field, by field name (`period`, `municipalityCode`, `id`). */
  strings: Record<string, string[]>;
  /**
   * Values a field must take, by `Type.field`: never absent or null, always from this list
   * (fields whose other values would reach beyond the test, e.g. the current period).
   */
  pinned?: Record<string, unknown[]>;
}

const MAX_DEPTH = 4;
const MAX_LIST = 3;

const INTS = [0, 1, -1, 2, 7, 8, 13, 16, 17, 18, 24, 30, 59, 60, 61, 99, 100, 101, 120, 121, 600, 601, 1000, 10_000, 10_001, 2 ** 31 - 1, -(2 ** 31)];
const FLOATS = [0, -0, 1, -1, 0.5, 1e-7, -1e-7, 1.5e-7, 5e-324, 1e-300, 0.001, 0.005, 0.01, 0.015, 0.29, 1.005, 12.345, 50, 50.0001, 99.99, 300, 300.5, 2400, 99_999.99, 100_000, 100_000.01, 1e15, 1e308, -1e308];
const TEXT = [
  '',
  ' ',
  'a',
  'x'.repeat(31),
  'x'.repeat(101),
  'x'.repeat(201),
  'x'.repeat(2001),
  'é'.repeat(64),
  `'; DROP TABLE candidate; --`,
  '<script>alert(1)</script>',
  'a\u0000b',
  '\u202eevil\u200b',
  '🚀'.repeat(20),
  '{}',
  '[]',
  'null',
  '0',
  '-1',
  'NaN',
  'true',
];

/** A JSON value of the wrong type for any scalar, enum, list or object (GraphQL must refuse it). */
const wrongType = fc.constantFrom<unknown>({}, [[]], 'x', 1.5, true, { a: 1 });

function scalar(name: string, field: string, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const pool = ctx.strings[field] ?? [];
  const text = fc.oneof(
    { weight: pool.length ? 6 : 0, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.constant('') },
    { weight: 2, arbitrary: fc.constantFrom(...TEXT) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  );
  switch (name) {
    case 'Int':
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...INTS) }, { weight: 1, arbitrary: fc.integer() }, { weight: 2, arbitrary: fc.integer({ min: -5, max: 130 }) });
    case 'Float':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...FLOATS) },
        // Printed in exponent notation (1e-7), which decimal-counting validators misread.
        { weight: 2, arbitrary: fc.double({ min: 1e-12, max: 1e-6, noNaN: true }) },
        { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
        { weight: 2, arbitrary: fc.integer({ min: -100, max: 300_000 }).map((c) => c / 100) },
        { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      );
    case 'Boolean':
      return fc.boolean();
    case 'ID':
    case 'String':
    case 'DateTime':
      return text;
    default:
      throw new Error(`no arbitrary for the scalar ${name}: teach input-arbitraries.ts`);
  }
}

/** Any value of `type` for a field called `field`; `undefined` stands for leaving the field out. */
export function valueOf(type: GraphQLInputType, field: string, ctx: FuzzContext, depth = 0, owner = ''): fc.Arbitrary<unknown> {
  const pin = ctx.pinned?.[owner ? `${owner}.${field}` : field];
  if (pin) return fc.constantFrom(...pin);
  const inner = nonNull(getNullableType(type), field, ctx, depth);
  if (isNonNullType(type)) return fc.oneof({ weight: 12, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: inner });
}

function nonNull(type: GraphQLInputType, field: string, ctx: FuzzContext, depth: number): fc.Arbitrary<unknown> {
  let right: fc.Arbitrary<unknown>;
  if (isScalarType(type)) right = scalar(type.name, field, ctx);
  else if (isEnumType(type)) right = fc.constantFrom(...type.getValues().map((v) => v.name));
  else if (isListType(type)) {
    right =
      depth >= MAX_DEPTH
        ? fc.constant([])
        : fc.oneof(
            { weight: 6, arbitrary: fc.array(valueOf(type.ofType, field, ctx, depth + 1).map((v) => (v === undefined ? null : v)), { maxLength: MAX_LIST }) },
            // GraphQL reads a single value as a list of one.
            { weight: 1, arbitrary: nonNull(getNullableType(type.ofType), field, ctx, depth + 1) },
          );
  } else if (isInputObjectType(type)) {
    if (depth >= MAX_DEPTH) right = fc.constant({});
    else {
      const fields = Object.values(type.getFields());
      right = fc.tuple(...fields.map((f) => valueOf(f.type, f.name, ctx, depth + 1, type.name))).map((values) => {
        const o: Record<string, unknown> = {};
        values.forEach((v, i) => {
          if (v !== undefined) o[fields[i].name] = v;
        });
        return o;
      });
    }
  } else throw new Error(`unexpected input type ${String(type)}`);
  return fc.oneof({ weight: 12, arbitrary: right }, { weight: 1, arbitrary: wrongType });
}

/** `value` (valid for `type`) with one part changed: replaced, removed, repeated, or perturbed inside. */
export function perturb(type: GraphQLInputType, value: unknown, field: string, ctx: FuzzContext, owner = ''): fc.Arbitrary<unknown> {
  const pin = ctx.pinned?.[owner ? `${owner}.${field}` : field];
  if (pin) return fc.constantFrom(...pin);
  const t = getNullableType(type);
  const options: fc.WeightedArbitrary<unknown>[] = [{ weight: 2, arbitrary: valueOf(type, field, ctx, 1, owner) }];
  if (isInputObjectType(t) && value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const fields = Object.values(t.getFields());
    options.push({
      weight: 8,
      arbitrary: fc.constantFrom(...fields).chain((f) => perturb(f.type, o[f.name], f.name, ctx, t.name).map((v) => withField(o, f.name, v))),
    });
    const optional = fields.filter((f) => !isNonNullType(f.type) && !ctx.pinned?.[`${t.name}.${f.name}`] && f.name in o);
    if (optional.length) options.push({ weight: 1, arbitrary: fc.constantFrom(...optional).map((f) => withField(o, f.name, undefined)) });
  } else if (isListType(t) && Array.isArray(value) && value.length > 0) {
    options.push({
      weight: 6,
      arbitrary: fc.nat(value.length - 1).chain((i) => perturb(t.ofType, value[i], field, ctx, owner).map((v) => value.map((x, j) => (j === i ? (v === undefined ? null : v) : x)))),
    });
    // The same item twice (a repeated externalId, member, skill).
    options.push({ weight: 1, arbitrary: fc.nat(value.length - 1).map((i) => [...value, value[i]]) });
  } else if (typeof value === 'string' && /^[[{]/.test(value)) {
    // A JSON document in a string (an outcome model): change one value inside it.
    const doc = parseJson(value);
    if (doc !== undefined) options.push({ weight: 6, arbitrary: perturbJson(doc).map((v) => JSON.stringify(v)) });
  }
  return fc.oneof(...options);
}

/** Perturbs the arguments of an operation like the fields of an input object; required arguments stay. */
export function perturbArgs(args: readonly GraphQLArgument[], seed: Record<string, unknown>, ctx: FuzzContext): fc.Arbitrary<Record<string, unknown>> {
  if (args.length === 0) return fc.constant({});
  return fc.constantFrom(...args).chain((a) => perturb(a.type, seed[a.name], a.name, ctx).map((v) => withField(seed, a.name, v === undefined && isNonNullType(a.type) ? null : v)));
}

/** Any arguments of an operation, every required one given. */
export function argsOf(args: readonly GraphQLArgument[], ctx: FuzzContext): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(...args.map((a) => valueOf(a.type, a.name, ctx))).map((values) => {
    const o: Record<string, unknown> = {};
    values.forEach((v, i) => {
      if (v !== undefined) o[args[i].name] = v;
      else if (isNonNullType(args[i].type)) o[args[i].name] = null;
    });
    return o;
  });
}

/** The JSON a string holds, or undefined when it holds none (an earlier perturbation may have broken it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function withField(o: Record<string, unknown>, name: string, v: unknown): Record<string, unknown> {
  const copy = { ...o };
  if (v === undefined) delete copy[name];
  else copy[name] = v;
  return copy;
}

/** One value somewhere inside a JSON document replaced by any JSON value, or removed. */
function perturbJson(doc: unknown, depth = 0): fc.Arbitrary<unknown> {
  const replace = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>(null, -1, 0, 1e308, 'x', [], {}));
  if (depth > 6 || doc === null || typeof doc !== 'object') return replace;
  const keys = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
  if (keys.length === 0) return replace;
  return fc.oneof(
    { weight: 1, arbitrary: replace },
    {
      weight: 6,
      arbitrary: fc.constantFrom(...keys).chain((k) =>
        fc.oneof(perturbJson((doc as Record<string | number, unknown>)[k], depth + 1), fc.constant(undefined)).map((v) => {
          if (Array.isArray(doc)) return doc.map((x, i) => (i === k ? (v === undefined ? null : v) : x));
          const copy = { ...(doc as Record<string, unknown>) };
          if (v === undefined) delete copy[k as string];
          else copy[k as string] = v;
          return copy;
        }),
      ),
    },
  );
}

/** `perturbArgs` applied one to `times` times over, so several parts change at once. */
export function perturbArgsRepeatedly(args: readonly GraphQLArgument[], seed: Record<string, unknown>, ctx: FuzzContext, times: number): fc.Arbitrary<Record<string, unknown>> {
  let arb = perturbArgs(args, seed, ctx);
  for (let i = 1; i < times; i++) arb = fc.oneof(arb, arb.chain((a) => perturbArgs(args, a, ctx)));
  return arb;
}

/** How many leaf fields the arguments hold, nested input objects counted to depth 4: a measure of how much there is to fuzz. */
export function leafFields(args: readonly GraphQLArgument[]): number {
  const count = (type: GraphQLInputType, depth: number): number => {
    const t = getNullableType(type);
    if (isListType(t)) return count(t.ofType, depth);
    if (!isInputObjectType(t)) return 1;
    if (depth >= MAX_DEPTH) return 1;
    return Object.values(t.getFields()).reduce((n, f) => n + count(f.type, depth + 1), 0);
  };
  return args.reduce((n, a) => n + count(a.type, 0), 0);
}

const EDGE_NUMBERS: Record<string, number[]> = {
  Int: [-1, 0, 2 ** 31 - 1, -(2 ** 31)],
  // 1e-7 and 5e-324 print in exponent notation; 1e308 overflows any numeric column.
  Float: [1e-7, 5e-324, -1e-7, 0.001, -1, 1e15, 1e308],
};

/**
 * The seed with one number at an edge, for every Int and Float field the seed reaches (the
 * fields of every input object it holds, given or not, and of the first item of each list):
 * the systematic half of the fuzz, so a deep field (`input.ties[0].monthlyWage`) is never
 * left to chance.
 */
export function numberEdges(args: readonly GraphQLArgument[], seed: Record<string, unknown>, ctx: FuzzContext): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (type: GraphQLInputType, value: unknown, owner: string, field: string, set: (v: unknown) => Record<string, unknown>) => {
    if (ctx.pinned?.[owner ? `${owner}.${field}` : field]) return;
    const t = getNullableType(type);
    if (isScalarType(t) && EDGE_NUMBERS[t.name]) for (const n of EDGE_NUMBERS[t.name]) out.push(set(n));
    else if (isListType(t) && Array.isArray(value) && value.length > 0) visit(t.ofType, value[0], owner, field, (v) => set([v, ...value.slice(1)]));
    else if (isInputObjectType(t) && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const f of Object.values(t.getFields())) visit(f.type, (value as Record<string, unknown>)[f.name], t.name, f.name, (v) => set({ ...value, [f.name]: v }));
    }
  };
  for (const a of args) visit(a.type, seed[a.name], '', a.name, (v) => ({ ...seed, [a.name]: v }));
  return out;
}
