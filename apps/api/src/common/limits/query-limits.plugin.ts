import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { DocumentNode, FragmentDefinitionNode, GraphQLSchema, Kind } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { Environment } from '../../config/environment';
import { DomainError } from '../errors/domain-errors';
import { complexityEstimator } from './query-complexity';
import { operationDepth } from './query-depth';

const MAX_NODES_MESSAGE = 'Query exceeds the maximum allowed number of nodes.';

/** A refused operation: HTTP 400 with extensions.code QUERY_TOO_COMPLEX, nothing executed. */
export class QueryTooComplexError extends DomainError {
  constructor(message: string, extensions: Record<string, unknown>) {
    super('QUERY_TOO_COMPLEX', message, { ...extensions, http: { status: 400 } });
  }
}

/** The depth and complexity of one operation against the limits; throws QueryTooComplexError. */
export function checkQueryLimits(opts: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  depthLimit: number;
  complexityLimit: number;
}): { depth: number; complexity: number | null } {
  const operation = opts.document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!opts.operationName || d.name?.value === opts.operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return { depth: 0, complexity: null };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of opts.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const depth = operationDepth(operation, fragments);
  if (depth > opts.depthLimit) {
    throw new QueryTooComplexError(`Query is too deep: its fields nest ${depth} levels, more than the limit of ${opts.depthLimit}. Ask for less nested data.`, {
      depth,
      limit: opts.depthLimit,
    });
  }
  let complexity: number;
  try {
    complexity = getComplexity({
      schema: opts.schema,
      query: opts.document,
      operationName: opts.operationName ?? undefined,
      variables: opts.variables ?? {},
      estimators: [estimatorFor(opts.schema)],
      maxQueryNodes: Math.max(10_000, opts.complexityLimit),
    });
  } catch (err) {
    if (err instanceof Error && err.message === MAX_NODES_MESSAGE) {
      throw new QueryTooComplexError(`Query is too complex: it selects more than ${Math.max(10_000, opts.complexityLimit)} fields.`, { limit: opts.complexityLimit });
    }
    // Variables that do not fit the operation: execution refuses them with its own error,
    // before any resolver runs.
    return { depth, complexity: null };
  }
  if (complexity > opts.complexityLimit) {
    throw new QueryTooComplexError(
      `Query is too complex: complexity ${complexity} is more than the limit of ${opts.complexityLimit}. ` +
        'A top-level field costs 200, any other field 1, and a list multiplies what it contains by its take (10 or 3 without one): ' +
        'send fewer top-level fields or aliases, or smaller pages.',
      { complexity, limit: opts.complexityLimit },
    );
  }
  return { depth, complexity };
}

const estimators = new WeakMap<GraphQLSchema, ReturnType<typeof complexityEstimator>>();
function estimatorFor(schema: GraphQLSchema) {
  let e = estimators.get(schema);
  if (!e) estimators.set(schema, (e = complexityEstimator(schema)));
  return e;
}

/**
 * Refuses an operation deeper than QUERY_DEPTH_LIMIT or more complex than
 * QUERY_COMPLEXITY_LIMIT after it is parsed and validated and before anything runs, so an
 * aliased batch or a deeply nested query costs the server almost nothing.
 */
@Plugin()
export class QueryLimitsPlugin implements ApolloServerPlugin {
  constructor(private readonly env: Environment) {}

  async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    const { QUERY_DEPTH_LIMIT: depthLimit, QUERY_COMPLEXITY_LIMIT: complexityLimit } = this.env;
    return {
      async didResolveOperation({ schema, document, request }) {
        checkQueryLimits({ schema, document, operationName: request.operationName, variables: request.variables, depthLimit, complexityLimit });
      },
    };
  }
}
