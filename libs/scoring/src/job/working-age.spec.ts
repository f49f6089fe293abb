import { candidate, vacancy } from '../../test/fixtures';
import { DEFAULT_POLICY, JOB_GATES, POLICY_VERSIONS, applyPolicyOverride, checkRightToWork, explainPrepared, prepareCandidate, prepareJobContext, prepareVacancy, scoreJobMatch, scorePrepared } from '../index';
import type { CandidateProfile, JobMatchContext, VacancyProfile } from '../index';

// R9.5 working age applies to every legal status (Arbeidstijdenwet; Arbeidstijdenbesluit ch. 3).
const context: JobMatchContext = { policy: DEFAULT_POLICY, onDate: '2026-03-02' };
const born = (years: number, before = '2026-03-02') => `${Number(before.slice(0, 4)) - years}${before.slice(4)}`;
// An evening dishwashing job (ISCO 9412) of 16 hours a week.
const dishwashing = (over: Partial<VacancyProfile> = {}) => vacancy({ iscoCode: '9412', hoursPerWeek: 16, startDate: '2026-04-01', minDutchLevel: 'NONE', ...over });
const match = (c: Partial<CandidateProfile>, v: Partial<VacancyProfile> = {}) => scoreJobMatch({ candidate: candidate(c), vacancy: dishwashing(v), context });
const age = (r: ReturnType<typeof match>) => r.checks.find((c) => c.rule === 'R9.5');

describe('R9.5 working age, for every legal status', () => {
  it('a 15-year-old status holder is not eligible for 16 hours of dishwashing: under 16 only light work, at most 12 hours in a school week', () => {
    const r = match({ birthDate: born(15), legalStatus: 'STATUS_HOLDER' });
    expect(r.eligible).toBe(false);
    expect(age(r)).toMatchObject({ passed: false });
    expect(age(r)!.reason.en).toContain('Is 15 on');
    expect(age(r)!.reason.en).toContain('at most 12 hours in a school week');
    expect(age(r)!.reason.nl).toContain('hooguit 12 uur in een schoolweek');
    // R9.1 itself holds: a status holder needs no permit; the refusal is the age's.
    expect(r.checks.find((c) => c.rule === 'R9.1')).toMatchObject({ passed: true });
  });

  it('the same for a 15-year-old displaced from Ukraine (R3)', () => {
    expect(match({ birthDate: born(15), legalStatus: 'DISPLACED_UKRAINE' }).eligible).toBe(false);
  });

  it('a 15-year-old may be suggested 12 hours of light work, with the limits in the reason', () => {
    const r = match({ birthDate: born(15) }, { hoursPerWeek: 12 });
    expect(r.eligible).toBe(true);
    expect(age(r)).toMatchObject({ passed: true });
    expect(age(r)!.reason.en).toContain('not after 19:00');
  });

  it('a 12-year-old may do no paid work at all', () => {
    const r = match({ birthDate: born(12) }, { hoursPerWeek: 4 });
    expect(r.eligible).toBe(false);
    expect(age(r)!.reason.en).toContain('paid work under 13 is prohibited');
  });

  it('a 17-year-old status holder may do the 16-hour job, with the youth limits stated', () => {
    const r = match({ birthDate: born(17) });
    expect(r.eligible).toBe(true);
    expect(age(r)).toMatchObject({ passed: true });
    expect(age(r)!.reason.en).toContain('no night work (23:00-06:00)');
  });

  it('a 17-year-old is not eligible for 45 hours a week (an average of 40 at most)', () => {
    const r = match({ birthDate: born(17), hoursAvailable: 45 }, { hoursPerWeek: 45 });
    expect(r.eligible).toBe(false);
    expect(age(r)!.passed).toBe(false);
  });

  it('is judged on the start day: 15 today, 16 on the start', () => {
    const r = match({ birthDate: born(16, '2026-03-20') }, { startDate: '2026-04-01' });
    expect(r.eligible).toBe(true);
    expect(age(r)!.reason.en).toContain('Is 16 on');
  });

  it('is not listed for adults', () => {
    expect(age(match({ birthDate: born(18) }))).toBeUndefined();
  });

  it('the fast path agrees and names the gate', () => {
    const ctx = prepareJobContext(context);
    const pc = prepareCandidate(candidate({ birthDate: born(15) }), ctx);
    const pv = prepareVacancy(dishwashing(), ctx);
    const fast = scorePrepared(pc, pv, ctx);
    expect(fast.failedGates).toBe(JOB_GATES.WORKING_AGE);
    expect(fast.score).toBe(explainPrepared(pc, pv, ctx).score);
  });

  it('its figures are policy parameters: a variant with 16 light-work hours lets the 15-year-old through', () => {
    const policy = applyPolicyOverride(DEFAULT_POLICY, { params: { workingAge: { lightWorkMaxHoursPerWeek: 16 } } });
    const r = scoreJobMatch({ candidate: candidate({ birthDate: born(15) }), vacancy: dishwashing(), context: { ...context, policy } });
    expect(r.eligible).toBe(true);
  });

  it('every shipped version carries the working age with its sources', () => {
    for (const p of POLICY_VERSIONS) {
      expect(p.params.workingAge).toEqual({ minimumAge: 16, lightWorkMinimumAge: 13, lightWorkMaxHoursPerWeek: 12, youthUntilAge: 18, youthMaxHoursPerWeek: 40 });
      expect(p.sources!.some((s) => s.startsWith('params.workingAge.minimumAge'))).toBe(true);
    }
  });

  it('checkRightToWork says why a 12-year-old may not work', () => {
    const r = checkRightToWork({ candidate: candidate({ birthDate: born(12) }), onDate: '2026-03-02', vacancyStart: '2026-04-01', policy: DEFAULT_POLICY });
    expect(r.allowed).toBe(false);
    expect(r.reasons.find((c) => c.rule === 'R9.5')).toMatchObject({ passed: false });
  });
});
