import { maskValues, safeErrorStack } from './safe-error';

describe('maskValues', () => {
  it.each([
    ['invalid input syntax for type uuid: "rp-tenant-b"', 'invalid input syntax for type uuid: "…"'],
    ['invalid input value for enum candidate_status: "Amina Test"', 'invalid input value for enum candidate_status: "…"'],
    ['value "123456789012" is out of range for type integer', 'value "…" is out of range for type integer'],
    ['date/time field value out of range: "1990-13-45"', 'date/time field value out of range: "…"'],
    ['Key (email)=(amina@example.org) already exists.', 'Key (email)=(…) already exists.'],
    ['Key (tenant, external_id)=(rw, c (1)) is not present in table "x".', 'Key (tenant, external_id)=(…) is not present in table "x".'],
    ['invalid byte sequence for encoding "UTF8": 0xc3 0x28', 'invalid byte sequence for encoding "UTF8": …'],
  ])('masks the value in %s', (message, masked) => {
    expect(maskValues(message)).toBe(masked);
  });

  it.each(['relation "candidate" does not exist', 'column "tenant" of relation "vacancy" does not exist', 'Connection terminated unexpectedly', 'timeout of 2000ms exceeded'])(
    'leaves %s as it is (identifiers, no values)',
    (message) => {
      expect(maskValues(message)).toBe(message);
    },
  );

  it('keeps the frames of a stack and masks its message', () => {
    const err = new Error('invalid input syntax for type uuid: "Fatima el Amrani"');
    const text = safeErrorStack(err);
    expect(text).not.toContain('Fatima');
    expect(text.split('\n')[0]).toBe('Error: invalid input syntax for type uuid: "…"');
    expect(text).toMatch(/\n\s+at /);
  });
});
