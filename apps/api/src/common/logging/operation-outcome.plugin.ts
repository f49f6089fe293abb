import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { DocumentNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { GqlContext } from '../graphql/context';
import { noteOf } from './request-note';

/**
 * The top-level schema fields an operation selects (through fragments), never aliases or
 * arguments: after validation these are names from the schema, so they are safe to log and
 * few enough to label metrics with.
 */
export function topLevelFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value !== '__typename') names.add(s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...names].sort();
}

/** The label of an operation: its one field, `introspection`, or `multiple`. */
export function operationLabel(fields: string[]): string {
  if (fields.length === 0) return 'none';
  if (fields.every((f) => f.startsWith('__'))) return 'introspection';
  return fields.length === 1 ? fields[0] : 'multiple';
}

/**
 * Notes on the request what the log line and the metrics need of a GraphQL request: the
 * operation's field and type once resolved, and its outcome once answered (`ok`, or the code
 * the client got: INTERNAL_SERVER_ERROR when any error was internal, else the first code).
 */
@Plugin()
export class OperationOutcomePlugin implements ApolloServerPlugin<GqlContext> {
  async requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    return {
      didResolveOperation: async ({ document, operation, contextValue }) => {
        if (!operation) return;
        const note = noteOf(contextValue.req);
        const fields = topLevelFields(document, operation);
        note.operation = operationLabel(fields);
        note.operationType = operation.operation;
        if (fields.length > 1) note.fields = fields.slice(0, 20);
      },
      willSendResponse: async ({ response, contextValue }) => {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        const codes = (errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'));
        noteOf(contextValue.req).outcome = codes.length === 0 ? 'ok' : codes.includes('INTERNAL_SERVER_ERROR') ? 'INTERNAL_SERVER_ERROR' : codes[0];
      },
    };
  }
}
