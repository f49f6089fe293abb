import { graphql, GraphQLError, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { scopeRecordFields } from './record-scope';
import { Principal, Role } from './role';

type Row = { name: string; tenant?: string | null };
const ours: Row = { name: 'ours', tenant: 'a' };
const theirs: Row = { name: 'theirs', tenant: 'b' };
const nobodys: Row = { name: 'nobodys', tenant: null };
const unmapped: Row = { name: 'unmapped' };

/** A schema with a record type (`Candidate`) reached every way a resolver can answer. */
function schema(): GraphQLSchema {
  const Candidate: GraphQLObjectType = new GraphQLObjectType({
    name: 'Candidate',
    fields: () => ({ name: { type: GraphQLString }, sibling: { type: Candidate, resolve: () => theirs } }),
  });
  const Note = new GraphQLObjectType({ name: 'Note', fields: { text: { type: GraphQLString } } });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        one: { type: Candidate, args: { which: { type: GraphQLString } }, resolve: (_s, { which }) => ({ ours, theirs, nobodys, unmapped })[which as 'ours'] },
        later: { type: Candidate, args: { which: { type: GraphQLString } }, resolve: async (_s, { which }) => ({ ours, theirs })[which as 'ours'] },
        required: { type: new GraphQLNonNull(Candidate), args: { which: { type: GraphQLString } }, resolve: (_s, { which }) => ({ ours, theirs })[which as 'ours'] },
        all: { type: new GraphQLList(Candidate), resolve: () => [ours, theirs, nobodys, unmapped] },
        refused: { type: Candidate, resolve: () => new GraphQLError('refused here', { extensions: { code: 'FORBIDDEN' } }) },
        note: { type: Note, resolve: () => ({ text: 'no tenant, not a record' }) },
      },
    }),
  });
}

const scoped = scopeRecordFields(schema());
const run = (source: string, principal: Principal | null) => graphql({ schema: scoped, source, contextValue: { req: { principal } } });
const as = (role: Role, tenant: string | null = null): Principal => ({ keyId: 'k', role, tenant });

describe('scopeRecordFields', () => {
  it('shows a platform only its own tenant\'s records, on every kind of field', async () => {
    const res = await run(`{ o: one(which: "ours") { name } t: one(which: "theirs") { name } n: one(which: "nobodys") { name } u: one(which: "unmapped") { name }
      lo: later(which: "ours") { name } lt: later(which: "theirs") { name } all { name } sib: one(which: "ours") { name sibling { name } } }`, as(Role.PLATFORM, 'a'));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ o: { name: 'ours' }, t: null, n: null, u: null, lo: { name: 'ours' }, lt: null, all: [{ name: 'ours' }], sib: { name: 'ours', sibling: null } });
  });

  it('answers NOT_FOUND, without an id, for a required record the caller may not see', async () => {
    const res = await run(`{ required(which: "theirs") { name } }`, as(Role.PLATFORM, 'a'));
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.message, e.extensions.code])).toEqual([['candidate not found', 'NOT_FOUND']]);
    expect((await run(`{ required(which: "ours") { name } }`, as(Role.PLATFORM, 'a'))).data).toEqual({ required: { name: 'ours' } });
  });

  it('shows admins and advisers every record, evaluators and callers without a key none', async () => {
    for (const role of [Role.ADMIN, Role.ADVISER]) expect((await run(`{ all { name } }`, as(role))).data).toEqual({ all: [ours, theirs, nobodys, unmapped].map(({ name }) => ({ name })) });
    expect((await run(`{ all { name } one(which: "ours") { name } }`, as(Role.EVALUATOR))).data).toEqual({ all: [], one: null });
    expect((await run(`{ all { name } }`, null)).data).toEqual({ all: [] });
  });

  it('passes a refusal through as the error it is, and leaves other types alone', async () => {
    const res = await run(`{ refused { name } note { text } }`, as(Role.PLATFORM, 'a'));
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(res.data).toEqual({ refused: null, note: { text: 'no tenant, not a record' } });
  });
});
