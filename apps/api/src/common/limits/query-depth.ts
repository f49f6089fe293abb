import { FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/**
 * The depth of an operation: the longest chain of nested fields, the top-level field
 * being depth 1 (`{ candidates { items { id } } }` is 3). Fragments count where they are
 * spread. Introspection (`__schema`, `__type`) is not counted: it walks the schema, not
 * the data, and is off in production.
 *
 * A few lines over the validated operation instead of `graphql-depth-limit`: that package
 * is a validation rule, and Apollo reports every validation error as
 * GRAPHQL_VALIDATION_FAILED, while clients here get QUERY_TOO_COMPLEX for every limit.
 */
export function operationDepth(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): number {
  const fragmentDepth = new Map<string, number>();
  const depthOf = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    if (!set) return 0;
    let deepest = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + depthOf(s.selectionSet, seen));
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(s.selectionSet, seen));
      } else {
        const name = s.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue; // validation already refuses both
        if (!fragmentDepth.has(name)) fragmentDepth.set(name, depthOf(fragment.selectionSet, new Set([...seen, name])));
        deepest = Math.max(deepest, fragmentDepth.get(name)!);
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, new Set());
}
