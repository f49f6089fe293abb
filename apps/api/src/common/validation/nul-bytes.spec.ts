import { findNulBytes } from './nul-bytes';

describe('findNulBytes', () => {
  it('names every string with a NUL by its path, in objects and lists', () => {
    expect(findNulBytes({ input: [{ title: 'ok' }, { title: 'a\u0000', employer: { name: '\u0000' } }], atomic: true }, '')).toEqual([
      { field: 'input[1].title', rule: 'noNulCharacter', message: 'title must not contain a NUL character (\\u0000)' },
      { field: 'input[1].employer.name', rule: 'noNulCharacter', message: 'name must not contain a NUL character (\\u0000)' },
    ]);
    expect(findNulBytes('x\u0000', 'search')).toEqual([{ field: 'search', rule: 'noNulCharacter', message: 'search must not contain a NUL character (\\u0000)' }]);
    expect(findNulBytes(['a', 'b\u0000'], 'skills')).toEqual([expect.objectContaining({ field: 'skills[1]' })]);
  });

  it('passes other control characters, dates, numbers and nulls', () => {
    expect(findNulBytes({ a: '\u0001\u001f\u202e', b: new Date(0), c: 1, d: null, e: undefined, f: [true] }, '')).toEqual([]);
  });

  it('stops after 20 problems', () => {
    expect(findNulBytes(Array.from({ length: 50 }, () => '\u0000'), 'rows')).toHaveLength(20);
  });
});
