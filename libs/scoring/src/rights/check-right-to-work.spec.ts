import { asylumSeeker, candidate } from '../../test/fixtures';
import { applyPolicyOverride, checkRightToWork, policyInForce } from '../index';

// Judged in 2024: the oldest shipped version answers for days before it (minimum wage of July 2025).
const DEFAULT_POLICY = policyInForce('2024-06-01');
import type { CandidateProfile, CheckRightToWorkArgs } from '../index';

// The asylum-seeker fixture applied on 2024-01-15, so the 6-month wait ends on 2024-07-15. Judged on
// 2024-06-01, the 5-week permit lead time (35 days) ends on 2024-07-06: the wait is the binding limit.
const base = (over: Partial<CheckRightToWorkArgs> = {}, who: Partial<CandidateProfile> = {}) =>
  checkRightToWork({ candidate: asylumSeeker(who), onDate: '2024-06-01', vacancyStart: '2024-07-15', contractEnd: '2024-12-31', policy: DEFAULT_POLICY, ...over });

const failed = (r: ReturnType<typeof checkRightToWork>) => r.reasons.filter((c) => !c.passed).map((c) => c.rule);

describe('R1 asylum seeker: table of cases', () => {
  it.each<[string, Partial<CheckRightToWorkArgs>, Partial<CandidateProfile>, boolean, string[], string | null]>([
    ['R1.2 exactly 6 months after the application: allowed', {}, {}, true, [], '2024-07-15'],
    ['R1.2 one day short of 6 months: not allowed', { vacancyStart: '2024-07-14' }, {}, false, ['R1.2'], '2024-07-15'],
    ['R1.2 calendar months clamp: applied 31 Aug, may work from 28 Feb', { onDate: '2025-01-01', vacancyStart: '2025-02-28', contractEnd: '2025-06-30' }, { applicationDate: '2024-08-31' }, true, [], '2025-02-28'],
    ['R1.2 calendar months clamp: 27 Feb is a day short', { onDate: '2025-01-01', vacancyStart: '2025-02-27', contractEnd: '2025-06-30' }, { applicationDate: '2024-08-31' }, false, ['R1.2'], '2025-02-28'],
    ['R1.2 unknown application date', {}, { applicationDate: null }, false, ['R1.2'], null],
    ['R1.1 17 at the start: not allowed, may from the 18th birthday', { vacancyStart: '2024-07-31' }, { birthDate: '2006-08-01' }, false, ['R1.1'], '2024-08-01'],
    ['R1.1 18 on the start date: allowed', { vacancyStart: '2024-08-01' }, { birthDate: '2006-08-01' }, true, [], '2024-08-01'],
    ['R1.3 not living in reception', {}, { livesInReception: false }, false, ['R1.3'], null],
    ['R1.4 W-document expires the day the contract ends: allowed', { contractEnd: '2025-01-31' }, { wDocumentExpiry: '2025-01-31' }, true, [], '2024-07-15'],
    ['R1.4 W-document expires the day before the contract ends', { contractEnd: '2025-01-31' }, { wDocumentExpiry: '2025-01-30' }, false, ['R1.4'], '2024-07-15'],
    ['R1.4 no W-document', {}, { wDocumentExpiry: null }, false, ['R1.4'], '2024-07-15'],
    ['R1.4 W-document expired before the start', {}, { wDocumentExpiry: '2024-07-01' }, false, ['R1.4'], '2024-07-15'],
    ['R1.4 W-document issued only after the start', {}, { wDocumentIssued: '2024-08-01' }, false, ['R1.4'], '2024-07-15'],
    ['R1.4 open-ended contract: allowed, the permit ends with the W-document', { contractEnd: null }, {}, true, [], '2024-07-15'],
    ['R1.5 lead time: start before onDate + 5 weeks', { onDate: '2024-07-10', vacancyStart: '2024-08-13' }, {}, false, ['R1.5'], '2024-08-14'],
    ['R1.5 lead time: start exactly onDate + 5 weeks', { onDate: '2024-07-10', vacancyStart: '2024-08-14' }, {}, true, [], '2024-08-14'],
    ['R1.5 earliest start = max(end of wait, onDate + lead time)', { onDate: '2024-07-01', vacancyStart: '2024-09-01' }, {}, true, [], '2024-08-05'],
    ['R1.5 a start date in the past cannot leave the lead time', { onDate: '2024-08-01', vacancyStart: '2024-07-20' }, {}, false, ['R1.5'], '2024-09-05'],
    ['R1.5 employer will not apply for the permit', { employerAppliesForPermit: false }, {}, false, ['R1.5'], '2024-07-15'],
    ['R1.6 pay below the pro-rata minimum wage (24 h: 2,245.80 / 36 × 24 = 1,497.20)', { pay: { monthlyWage: 1497.19, hoursPerWeek: 24 } }, {}, false, ['R1.6'], '2024-07-15'],
    ['R1.6 pay exactly the pro-rata minimum wage', { pay: { monthlyWage: 1497.2, hoursPerWeek: 24 } }, {}, true, [], '2024-07-15'],
    ['R1.6 unknown pay is not judged', { pay: { monthlyWage: null, hoursPerWeek: 24 } }, {}, true, [], '2024-07-15'],
    ['R1.7 Dublin or return decision', {}, { dublinOrReturnDecision: true }, false, ['R1.7'], null],
    ['several rules at once', { vacancyStart: '2024-07-14' }, { dublinOrReturnDecision: true, birthDate: '2010-01-01' }, false, ['R1.1', 'R1.2', 'R1.7'], null],
  ])('%s', (_name, over, who, allowed, failedRules, from) => {
    const r = base(over, who);
    expect(r.allowed).toBe(allowed);
    expect(failed(r)).toEqual(failedRules);
    expect(r.from).toBe(from);
    expect(r.permitNeeded).toBe(true);
  });

  it('R1: gives every rule a reason in Dutch and in English', () => {
    const r = base({ vacancyStart: '2024-07-14', employerAppliesForPermit: true, pay: { monthlyWage: 2000, hoursPerWeek: 24 } });
    expect(r.reasons.map((c) => c.rule)).toEqual(['R1.1', 'R1.2', 'R1.3', 'R1.4', 'R1.5', 'R1.5', 'R1.6', 'R1.7']);
    const wait = r.reasons.find((c) => c.rule === 'R1.2');
    expect(wait?.reason.nl).toBe('Asielaanvraag op 15 januari 2024; de wachttijd van 6 maanden is pas voorbij op 15 juli 2024, na de start op 14 juli 2024.');
    expect(wait?.reason.en).toBe('Asylum application on 15 January 2024; the 6-month wait ends only on 15 July 2024, after the start on 14 July 2024.');
    const wage = r.reasons.find((c) => c.rule === 'R1.6');
    expect(wage?.reason.nl).toContain('€ 2.000,00');
    expect(wage?.reason.nl).toContain('€ 1.497,20');
  });

  it('R1.2 the wait is a policy parameter (what-if: 4 months)', () => {
    const four = applyPolicyOverride(DEFAULT_POLICY, { params: { asylumWorkWaitMonths: 4 } });
    const r = base({ policy: four, vacancyStart: '2024-07-06' });
    expect(r.allowed).toBe(true);
    expect(r.from).toBe('2024-07-06'); // wait ends 15 May; the lead time (1 Jun + 35 days) binds
  });

  it('R1.5 the lead time is a policy parameter (9 weeks)', () => {
    const nine = applyPolicyOverride(DEFAULT_POLICY, { params: { workPermitLeadTimeWeeks: 9 } });
    expect(base({ policy: nine }).allowed).toBe(false);
    expect(base({ policy: nine }).from).toBe('2024-08-03'); // 1 Jun + 63 days
  });
});

describe('R1 historical 24-week cap (what-if only)', () => {
  // Applied 2022-06-01, W-document through 2024-06-01, judged 2023-01-10, starting 2023-03-01.
  const who = { applicationDate: '2022-06-01', wDocumentIssued: '2022-06-10', wDocumentExpiry: '2024-06-01' };
  const capOn = applyPolicyOverride(DEFAULT_POLICY, { params: { historicalWorkCap: { enabled: true } } });
  const neverAbolished = applyPolicyOverride(DEFAULT_POLICY, { params: { historicalWorkCap: { enabled: true, abolishedOn: null } } });
  const run = (policy = capOn, vacancyStart = '2023-03-01', contractEnd: string | null = '2023-12-31', onDate = '2023-01-10') =>
    checkRightToWork({ candidate: asylumSeeker(who), onDate, vacancyStart, contractEnd, policy });

  it('is off in the default policy, even for 2023 dates', () => {
    const r = run(DEFAULT_POLICY);
    expect(r.allowed).toBe(true);
    expect(r.reasons.map((c) => c.rule)).not.toContain('R1.cap');
  });

  it('when switched on, refuses a contract longer than 24 weeks starting before 29 Nov 2023', () => {
    const r = run();
    expect(r.allowed).toBe(false);
    expect(failed(r)).toEqual(['R1.cap']);
  });

  it('allows exactly 24 weeks (1 Mar to 15 Aug 2023 = 168 days) and refuses one day more', () => {
    expect(run(capOn, '2023-03-01', '2023-08-15').allowed).toBe(true);
    expect(run(capOn, '2023-03-01', '2023-08-16').allowed).toBe(false);
  });

  it('refuses an open-ended contract while the cap applies', () => {
    expect(failed(run(capOn, '2023-03-01', null))).toEqual(['R1.cap']);
  });

  it('does not apply to work starting on or after the abolition date', () => {
    const r = run(capOn, '2023-11-29', '2024-05-31', '2023-10-01');
    expect(r.allowed).toBe(true);
    expect(r.reasons.map((c) => c.rule)).not.toContain('R1.cap');
  });

  it('applies after 29 Nov 2023 only in a what-if where it was never abolished', () => {
    expect(failed(run(neverAbolished, '2024-01-10', null, '2023-12-01'))).toEqual(['R1.cap']);
    expect(failed(run(capOn, '2024-01-10', null, '2023-12-01'))).toEqual([]);
  });
});

describe('R2 status holder and R3 displaced from Ukraine', () => {
  it('R2: may work at once, no permit, no wait', () => {
    const r = checkRightToWork({ candidate: candidate({ applicationDate: '2024-05-01' }), onDate: '2024-06-01', vacancyStart: '2024-06-01', policy: DEFAULT_POLICY });
    expect(r).toEqual({
      allowed: true,
      from: '2024-06-01',
      permitNeeded: false,
      reasons: [{ rule: 'R2', passed: true, reason: { nl: 'Statushouder: vrije toegang tot de arbeidsmarkt, geen werkvergunning en geen wachttijd nodig.', en: 'Status holder: free access to the labour market, no work permit and no waiting period needed.' } }],
    });
  });

  it('R3: may work from day one; no R1 field is ever read (never mix R3 with R1)', () => {
    const r = checkRightToWork({
      candidate: candidate({ legalStatus: 'DISPLACED_UKRAINE', livesInReception: false, dublinOrReturnDecision: true, wDocumentExpiry: null, applicationDate: null }),
      onDate: '2024-06-01',
      vacancyStart: '2024-06-02',
      contractEnd: '2030-01-01',
      policy: DEFAULT_POLICY,
      employerAppliesForPermit: false,
      pay: { monthlyWage: 100, hoursPerWeek: 36 },
    });
    expect(r.allowed).toBe(true);
    expect(r.permitNeeded).toBe(false);
    expect(r.reasons.map((c) => c.rule)).toEqual(['R3']);
  });

  it('refuses an unknown legal status and a malformed date by field', () => {
    expect(() => checkRightToWork({ candidate: candidate({ legalStatus: 'TOURIST' as never }), onDate: '2024-06-01', vacancyStart: '2024-06-01', policy: DEFAULT_POLICY })).toThrow('candidate.legalStatus');
    expect(() => base({}, { applicationDate: '2024-02-30' })).toThrow('candidate.applicationDate: not an ISO date');
    expect(() => base({ vacancyStart: 'soon' })).toThrow('vacancyStart: not an ISO date');
  });
});
