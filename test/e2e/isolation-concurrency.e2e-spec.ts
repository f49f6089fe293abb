import { ConsoleLogger, Logger } from '@nestjs/common';
import { Role } from '../../apps/api/src/common/auth/role';
import { RecordEvents } from '../../apps/api/src/modules/records/record-events';
import { runIsolationTraffic } from '../helpers/isolation-traffic';
import { uniq } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Statements of concurrent requests never mix (on the embedded database too, where one
 * PGlite session serves every connection): two platform tenants and an admin read while
 * tenant B writes, and a second API process on the same database follows through the change
 * feed. Every answer must be the caller's, nothing may be logged as an error, and the second
 * process's index must answer for every acknowledged record.
 */
describe('tenant isolation under concurrent traffic', () => {
  let a: TestApp;
  let b: TestApp;
  const logged: string[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp();
    const capture = (...args: unknown[]) => void logged.push(args.map(String).join(' ').slice(0, 300));
    jest.spyOn(Logger.prototype, 'error').mockImplementation(capture);
    jest.spyOn(ConsoleLogger.prototype, 'error').mockImplementation(capture);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await a.close();
    await b.close();
  });

  it('answers every caller with its own records, logs no statement error, and the index of another process holds every acknowledged record', async () => {
    const adminKey = await a.key(Role.ADMIN);
    const result = await runIsolationTraffic({
      url: a.url,
      adminKey,
      seconds: 8,
      tag: uniq('iso'),
      indexUrl: b.url,
      // A poll already under way may have started before the last commit: poll twice.
      beforeIndexCheck: async () => {
        await b.app.get(RecordEvents).poll();
        await b.app.get(RecordEvents).poll();
      },
    });
    expect(result.examples).toEqual([]);
    expect(result.errors).toEqual({});
    expect(logged).toEqual([]);
    expect(result.wrongReads).toBe(0);
    expect(result.missingFromIndex).toBe(0);
    // The run did real work on both sides.
    expect(result.reads).toBeGreaterThan(100);
    expect(result.acknowledgedCandidates).toBeGreaterThan(10);
    expect(result.acknowledgedVacancies).toBeGreaterThan(0);
  });
});
