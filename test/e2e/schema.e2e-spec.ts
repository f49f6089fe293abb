import { readFileSync } from 'fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLObjectType } from 'graphql';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../apps/api/src/common/auth/access.decorators';
import { SCHEMA_FILE, schemaFileText } from '../../apps/api/src/schema-file';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('the GraphQL schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('served by the app is the committed apps/api/schema.gql (run `npm run schema:generate` when this fails)', () => {
    const served = t.app.get(GraphQLSchemaHost).schema;
    expect(schemaFileText(served)).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('has an explicit access rule (@Roles or @Public) on every query and mutation', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const operations = [schema.getQueryType(), schema.getMutationType()]
      .filter((x): x is GraphQLObjectType => !!x)
      .flatMap((type) => Object.keys(type.getFields()).map((name) => `${type.name}.${name}`))
      .sort();
    const marked = new Map<string, string>();
    const wrappers = [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.providers.values()]);
    for (const wrapper of wrappers) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | undefined;
      if (!cls?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(cls.prototype)) {
        const fn = Object.getOwnPropertyDescriptor(cls.prototype, method)?.value; // no getters
        const kind = typeof fn === 'function' ? Reflect.getMetadata('graphql:resolver_type', fn) : undefined;
        if (kind !== 'Query' && kind !== 'Mutation') continue;
        const name = Reflect.getMetadata('graphql:resolver_name', fn) ?? method;
        const roles = Reflect.getMetadata(ROLES_KEY, fn) as string[] | undefined;
        const isPublic = Reflect.getMetadata(PUBLIC_KEY, fn) === true;
        marked.set(`${kind}.${name}`, isPublic ? 'public' : roles?.length ? roles.join('|') : 'NONE');
      }
    }
    expect([...marked.keys()].sort()).toEqual(operations);
    const unmarked = [...marked].filter(([, rule]) => rule === 'NONE').map(([op]) => op);
    expect(unmarked).toEqual([]);
  });
});
