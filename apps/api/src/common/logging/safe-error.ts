/**
 * Error text fit for a log line. PostgreSQL quotes the offending value in some messages
 * (`invalid input syntax for type uuid: "…"`, `value "…" is out of range`, `Key (email)=(…)
 * already exists`): values a client sent, which can be personal data. Those values are
 * replaced by `…`; identifiers and the rest of the message stay. Statement parameters are
 * never part of the text (TypeORM keeps them on the error object, which is not logged).
 */
export function maskValues(message: string): string {
  return message
    .replace(/(invalid input (?:syntax|value) for [^:]*: )"(?:[^"\\]|\\.)*"/g, '$1"…"')
    .replace(/(\bvalue )"(?:[^"\\]|\\.)*"/g, '$1"…"')
    .replace(/(field value out of range: )"(?:[^"\\]|\\.)*"/g, '$1"…"')
    .replace(/(Key \([^)]*\)=\().*?(\) (?:already exists|is not present|conflicts))/g, '$1…$2')
    .replace(/(for encoding "[^"]+": )0x[0-9a-f]+(?: 0x[0-9a-f]+)*/gi, '$1…');
}

/** An error's message with values masked (see maskValues). */
export function safeErrorMessage(err: unknown): string {
  return maskValues(err instanceof Error ? err.message : String(err));
}

/** An error's message (masked) and its stack frames, without the stack's own copy of the message. */
export function safeErrorStack(err: unknown): string {
  if (!(err instanceof Error)) return maskValues(String(err));
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  return [`${err.name}: ${safeErrorMessage(err)}`, ...frames].join('\n');
}
