import { FragmentDefinitionNode, Kind, OperationDefinitionNode, parse, FieldNode } from 'graphql';
import { selects } from './selects';

function infoOf(source: string) {
  const doc = parse(source);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selects', () => {
  it.each([
    ['{ r { a scores { x } } }', true],
    ['{ r { a b } }', false],
    ['{ r { a ... on T { scores { x } } } }', true],
    ['{ r { ...F } } fragment F on T { b ...G } fragment G on T { scores { x } }', true],
    ['{ r { ...F } } fragment F on T { b }', false],
    ['{ r { a { scores } } }', false], // deeper than directly below the field
    ['{ r { ...F } } fragment F on T { ...F }', false], // a cycle (invalid GraphQL) ends
  ])('%s → %s', (source, expected) => {
    expect(selects(infoOf(source), 'scores')).toBe(expected);
  });
});
