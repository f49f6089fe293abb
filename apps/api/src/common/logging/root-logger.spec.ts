import { Writable } from 'stream';
import { createRootLogger } from './root-logger';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('createRootLogger', () => {
  it('writes JSON lines with the level as a word and an ISO time, at LOG_LEVEL and above', () => {
    const out = sink();
    const log = createRootLogger({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, out.stream);
    log.info('not shown');
    log.warn({ context: 'Test' }, 'shown');
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', context: 'Test', msg: 'shown', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) });
  });

  it.each([
    ['log', 'info'],
    ['verbose', 'trace'],
    ['error', 'error'],
  ] as const)('maps LOG_LEVEL=%s to pino level %s', (level, pino) => {
    expect(createRootLogger({ LOG_LEVEL: level, LOG_FORMAT: 'json' }, sink().stream).level).toBe(pino);
  });

  it('writes one line of text (no JSON, no colour codes into a stream) with LOG_FORMAT=pretty', () => {
    const out = sink();
    createRootLogger({ LOG_LEVEL: 'log', LOG_FORMAT: 'pretty' }, out.stream).info({ context: 'Matching' }, 'index built');
    const text = out.text();
    expect(text).toMatch(/INFO.*\[Matching\] index built/);
    expect(() => JSON.parse(text)).toThrow();
    expect(text).not.toContain('\u001b[');
  });

  it('redacts an Authorization header should a request object ever be logged', () => {
    const out = sink();
    createRootLogger({ LOG_LEVEL: 'log', LOG_FORMAT: 'json' }, out.stream).info({ req: { headers: { authorization: 'Bearer kr_secret' } } }, 'x');
    expect(out.text()).not.toContain('kr_secret');
  });
});
