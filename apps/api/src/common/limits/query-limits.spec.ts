import { buildSchema, parse } from 'graphql';
import { checkQueryLimits, QueryTooComplexError } from './query-limits.plugin';

const schema = buildSchema(`
  type Query { region(code: String!): Region  regions: [Region!]!  people(take: Int = 20): PersonPage!  about: About! }
  type Region { code: String! name: String! municipalities: [Municipality!]! }
  type Municipality { code: String! name: String! region: Region! }
  type PersonPage { items: [Person!]! total: Int! }
  type Person { id: ID! name: String! skills: [Skill!]! }
  type Skill { label: String! level: Int! }
  type About { version: String! }
  type Mutation { touch(id: ID!): About! }
`);

const check = (query: string, limits: { depth?: number; complexity?: number } = {}, variables?: Record<string, unknown>) =>
  checkQueryLimits({ schema, document: parse(query), variables, depthLimit: limits.depth ?? 10, complexityLimit: limits.complexity ?? 20_000 });

const refusal = (fn: () => unknown): Record<string, unknown> => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(QueryTooComplexError);
    return (err as QueryTooComplexError).extensions;
  }
  throw new Error('not refused');
};

describe('query limits', () => {
  it('measures depth with the top-level field as 1, through fragments and inline fragments, ignoring introspection', () => {
    expect(check('{ about { version } }').depth).toBe(2);
    expect(check('{ regions { municipalities { region { name } } } }').depth).toBe(4);
    expect(check('query { regions { ...R } } fragment R on Region { municipalities { ... on Municipality { region { code } } } }').depth).toBe(4);
    expect(check('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } about { version } }').depth).toBe(2);
  });

  it('refuses an operation deeper than the limit, naming depth and limit', () => {
    expect(refusal(() => check('{ regions { municipalities { region { name } } } }', { depth: 3 }))).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      depth: 4,
      limit: 3,
      http: { status: 400 },
    });
    expect(check('{ regions { municipalities { region { name } } } }', { depth: 4 }).depth).toBe(4);
  });

  it('prices top-level fields at 200, other fields at 1, and multiplies lists by take, 10 for records and 3 for values', () => {
    expect(check('{ about { version } }').complexity).toBe(201);
    expect(check('{ a: about { version } b: about { version } }').complexity).toBe(402);
    expect(check('{ people(take: 50) { total items { id name } } }').complexity).toBe(200 + 50 * (1 + 1 + 2));
    expect(check('{ people { items { id } } }').complexity).toBe(200 + 20 * 2); // the default take
    expect(check('query($n: Int) { people(take: $n) { items { id } } }', {}, { n: 5 }).complexity).toBe(200 + 5 * 2);
    expect(check('{ people(take: 10) { items { skills { label level } } } }').complexity).toBe(200 + 10 * (1 + (1 + 3 * 2)));
    expect(check('{ regions { municipalities { name } } }').complexity).toBe(200 + 10 * (1 + 10 * 1));
    expect(check('mutation { touch(id: "x") { version } }').complexity).toBe(201);
  });

  it('refuses aliased batching and nested list explosions by complexity', () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: about { version }`).join(' ');
    expect(refusal(() => check(`{ ${aliases} }`))).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: 20_100, limit: 20_000 });
    expect(check(`{ ${aliases.split(' a99:')[0]} }`).complexity).toBe(99 * 201);
    // 35 regions of ~10 municipalities, four times over: 200 + 10 × (1 + 10 × (2 + 10 × (2 + 10 × (2 + 10)))) = 122,410.
    const nested = '{ regions { municipalities { region { municipalities { region { municipalities { region { municipalities { name } } } } } } } } }';
    expect(refusal(() => check(nested))).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: 122_410, limit: 20_000 });
  });

  it('refuses a document with more fields than it will count', () => {
    const many = Array.from({ length: 20_001 }, (_, i) => `v${i}: version`).join(' ');
    // Counting stops at max(10,000, limit) fields, before the complexity is known.
    expect(refusal(() => check(`{ about { ${many} } }`))).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20_000, http: { status: 400 } });
  });

  it('leaves variables that do not fit to execution, which refuses them before any resolver', () => {
    expect(check('query($n: Int) { people(take: $n) { items { id } } }', {}, { n: 'many' }).complexity).toBeNull();
  });

  it('measures a parsed document once per value of the variables that can change its complexity', () => {
    const document = parse('query($n: Int, $code: String!, $all: Boolean!) { people(take: $n) { items { id } } region(code: $code) { name } about @include(if: $all) { version } }');
    const run = (variables: Record<string, unknown>, complexityLimit = 20_000) => checkQueryLimits({ schema, document, variables, depthLimit: 10, complexityLimit });
    expect(run({ n: 5, code: 'AM01', all: false }).complexity).toBe(210 + 201);
    expect(run({ n: 5, code: 'AM02', all: false }).complexity).toBe(210 + 201); // another string: the same measurement
    expect(run({ n: 50, code: 'AM01', all: false }).complexity).toBe(300 + 201);
    expect(run({ n: 5, code: 'AM01', all: true }).complexity).toBe(210 + 201 + 201);
    expect(run({ n: 'many', code: 'AM01', all: true }).complexity).toBeNull();
    expect(run({ n: 5, code: 7, all: true }).complexity).toBeNull(); // not a string: measured, and does not fit
    expect(refusal(() => run({ n: 10_000, code: 'AM01', all: false }))).toMatchObject({ complexity: 200 + 10_000 * 2 + 201, limit: 20_000 });
    expect(refusal(() => run({ n: 5, code: 'AM01', all: true }, 500))).toMatchObject({ complexity: 612, limit: 500 }); // another limit, another verdict
    expect(run({ n: 5, code: 'AM01', all: true }).complexity).toBe(612);
  });
});
