import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { DocumentNode, FragmentDefinitionNode, GraphQLSchema, Kind, OperationDefinitionNode } from 'graphql';
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

/** What checkQueryLimits measured of an operation: its depth, and its complexity once needed. */
interface Measured {
  depth: number;
  /** null: the variables do not fit the operation; 'tooManyNodes': counting stopped. */
  complexity?: number | null | 'tooManyNodes';
}

/**
 * Measurements by schema, parsed document (Apollo hands the same DocumentNode to every
 * request with the same query text) and a key of the variables that can change them.
 */
const measured = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Measured>>>();
const MEASURED_PER_DOCUMENT = 256;

/**
 * The cache key of an operation's measurement, or null when it is not cached. Only the
 * variables can change depth and complexity: a `take`, an @include/@skip flag, or a value that
 * does not fit its type. A String or ID variable given a string fits and is read by no
 * estimator here, so it is left out: every candidate asked for by id shares one entry. An
 * operation with an input-object or list variable (imports, filters, policy overrides) is
 * measured each time, so a 20 MB import never becomes a cache key.
 */
function measureKey(operation: OperationDefinitionNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, complexityLimit: number): string | null {
  let key = `${operationName ?? ''}\u0000${complexityLimit}`;
  for (const def of operation.variableDefinitions ?? []) {
    const value = variables?.[def.variable.name.value];
    const type = def.type.kind === Kind.NON_NULL_TYPE ? def.type.type : def.type;
    if (typeof value === 'string' && type.kind === Kind.NAMED_TYPE && (type.name.value === 'String' || type.name.value === 'ID')) key += '\u0000s';
    else if (value === undefined) key += '\u0000u';
    else if (value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= 64)) key += `\u0000${JSON.stringify(value)}`;
    else return null;
  }
  return key;
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
  const key = measureKey(operation, opts.operationName, opts.variables, opts.complexityLimit);
  let byDocument = measured.get(opts.schema);
  if (!byDocument) measured.set(opts.schema, (byDocument = new WeakMap()));
  let cache = byDocument.get(opts.document);
  if (!cache) byDocument.set(opts.document, (cache = new Map()));
  let m = key === null ? undefined : cache.get(key);
  if (!m) {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of opts.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    m = { depth: operationDepth(operation, fragments) };
    if (key !== null) {
      if (cache.size >= MEASURED_PER_DOCUMENT) cache.clear();
      cache.set(key, m);
    }
  }
  const depth = m.depth;
  if (depth > opts.depthLimit) {
    throw new QueryTooComplexError(`Query is too deep: its fields nest ${depth} levels, more than the limit of ${opts.depthLimit}. Ask for less nested data.`, {
      depth,
      limit: opts.depthLimit,
    });
  }
  if (m.complexity === undefined) m.complexity = measureComplexity(opts);
  if (m.complexity === 'tooManyNodes') {
    throw new QueryTooComplexError(`Query is too complex: it selects more than ${Math.max(10_000, opts.complexityLimit)} fields.`, { limit: opts.complexityLimit });
  }
  // null: variables that do not fit the operation; execution refuses them with its own
  // error, before any resolver runs.
  const complexity = m.complexity;
  if (complexity !== null && complexity > opts.complexityLimit) {
    throw new QueryTooComplexError(
      `Query is too complex: complexity ${complexity} is more than the limit of ${opts.complexityLimit}. ` +
        'A top-level field costs 200, any other field 1, and a list multiplies what it contains by its take (10 or 3 without one): ' +
        'send fewer top-level fields or aliases, or smaller pages.',
      { complexity, limit: opts.complexityLimit },
    );
  }
  return { depth, complexity };
}

function measureComplexity(opts: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variables?: Record<string, unknown>; complexityLimit: number }): number | null | 'tooManyNodes' {
  try {
    return getComplexity({
      schema: opts.schema,
      query: opts.document,
      operationName: opts.operationName ?? undefined,
      variables: opts.variables ?? {},
      estimators: [estimatorFor(opts.schema)],
      maxQueryNodes: Math.max(10_000, opts.complexityLimit),
    });
  } catch (err) {
    if (err instanceof Error && err.message === MAX_NODES_MESSAGE) return 'tooManyNodes';
    return null;
  }
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
