import { candidate, household } from '../../test/fixtures';
import { DEFAULT_POLICY, applyPolicyOverride, checkRelinking, excludedFromRelinking } from '../index';
import type { CheckRelinkingArgs, RelinkingJob } from '../index';

// A cook (5120, 4 years) linked to a municipality in AM14 found a cook's job in AM01.
const job: RelinkingJob = { iscoCode: '5120', regionCode: 'AM01', municipalityCode: 'GM0014', signedContract: true, contractMonths: 6, monthlyWage: 2100, payslip: true };
const args = (over: Partial<CheckRelinkingArgs> = {}, j: Partial<RelinkingJob> = {}): CheckRelinkingArgs => ({
  candidate: candidate({ occupations: [{ iscoCode: '5120', years: 4 }], diplomas: [{ level: 'MBO', status: 'EVALUATED', iscoCode: '3221' }] }),
  job: { ...job, ...j },
  onDate: '2024-06-01',
  policy: DEFAULT_POLICY,
  housingOffered: false,
  integrationStarted: false,
  currentRegionCode: 'AM14',
  comparableJobInCurrentRegion: false,
  ...over,
});
const failed = (a: CheckRelinkingArgs) => checkRelinking(a).checks.filter((c) => !c.passed).map((c) => c.rule);

describe('R15 re-linking: every condition, table of cases', () => {
  it.each<[string, CheckRelinkingArgs, string[]]>([
    ['all conditions met, contract of exactly 6 months', args(), []],
    ['R15 housing already offered', args({ housingOffered: true }), ['R15.housing']],
    ['R15 civic integration already started', args({ integrationStarted: true }), ['R15.integration']],
    ['R15a job matches neither education nor experience', args({}, { iscoCode: '7411' }), ['R15a.match']],
    ['R15a job matches the education (diploma for 3221, same 3-digit group 322)', args({}, { iscoCode: '3222' }), []],
    ['R15a experience in the same 3-digit group counts', args({}, { iscoCode: '5129' }), []],
    ['R15a the match is a policy parameter: 4 digits', args({ policy: applyPolicyOverride(DEFAULT_POLICY, { params: { relinkingIscoMatchDigits: 4 } }) }, { iscoCode: '5129' }), ['R15a.match']],
    ['R15a the job lies in the current region', args({}, { regionCode: 'AM14' }), ['R15a.region']],
    ['R15a comparable work exists in the current region', args({ comparableJobInCurrentRegion: true }), ['R15a.region']],
    ['R15a not established whether comparable work exists', args({ comparableJobInCurrentRegion: null }), ['R15a.region']],
    ['R15b no signed contract', args({}, { signedContract: false }), ['R15b']],
    ['R15b contract of 5 months', args({}, { contractMonths: 5 }), ['R15b']],
    ['R15b open-ended contract', args({}, { contractMonths: null }), []],
    ['R15b minimum contract is a policy parameter (12 months)', args({ policy: applyPolicyOverride(DEFAULT_POLICY, { params: { relinkingMinContractMonths: 12 } }) }), ['R15b']],
    ['R15c pay exactly the single norm (1,369.06)', args({}, { monthlyWage: 1369.06 }), []],
    ['R15c pay a cent below the single norm', args({}, { monthlyWage: 1369.05 }), ['R15c']],
    ['R15c a household with two adults needs the couple norm (1,955.80)', args({ household: household([candidate({ id: 'a' }), candidate({ id: 'b' }), candidate({ id: 'k', birthDate: '2016-01-01' })]) }, { monthlyWage: 1955.79 }), ['R15c']],
    ['R15c one adult and a child: the single norm', args({ household: household([candidate({ id: 'a' }), candidate({ id: 'k', birthDate: '2016-01-01' })]) }, { monthlyWage: 1400 }), []],
    ['R15c unknown wage', args({}, { monthlyWage: null }), ['R15c']],
    ['R15d no payslip', args({}, { payslip: false }), ['R15d']],
    ['R15 cleaning work never qualifies, even when it matches experience', args({ candidate: candidate({ occupations: [{ iscoCode: '9112', years: 4 }] }) }, { iscoCode: '9112' }), ['R15.excluded']],
    ['R15 distribution work never qualifies', args({ candidate: candidate({ occupations: [{ iscoCode: '9334', years: 4 }] }) }, { iscoCode: '9334' }), ['R15.excluded']],
  ])('%s', (_name, a, failedRules) => {
    expect(failed(a)).toEqual(failedRules);
    expect(checkRelinking(a).allowed).toBe(failedRules.length === 0);
  });

  it('R15a judges the household\'s adults together when no single candidate is named', () => {
    const hh = household([candidate({ id: 'a', occupations: [{ iscoCode: '7411', years: 2 }] }), candidate({ id: 'b', occupations: [{ iscoCode: '5120', years: 4 }] }), candidate({ id: 'k', birthDate: '2016-01-01', occupations: [{ iscoCode: '2221', years: 1 }] })]);
    expect(failed(args({ candidate: null, household: hh }, { monthlyWage: 2000 }))).toEqual([]);
    expect(failed(args({ candidate: null, household: hh }, { iscoCode: '2221', monthlyWage: 2000 }))).toEqual(['R15a.match']); // only the child worked in 2221
    expect(() => checkRelinking(args({ candidate: null, household: null }))).toThrow('candidate: give the candidate with the job');
  });

  it('checks every condition and explains each in Dutch and English', () => {
    const r = checkRelinking(args());
    expect(r.checks.map((c) => c.rule)).toEqual(['R15.housing', 'R15.integration', 'R15a.match', 'R15a.region', 'R15b', 'R15c', 'R15d', 'R15.excluded']);
    expect(r.checks.find((c) => c.rule === 'R15c')?.reason).toEqual({
      nl: 'Loon € 2.100,00 per maand, minstens de bijstandsnorm (alleenstaande) van € 1.369,06.',
      en: 'Wage €2,100.00 a month, at least the social-assistance norm (single adult) of €1,369.06.',
    });
    expect(r.policyVersion).toBe(DEFAULT_POLICY.version);
  });
});

describe('R15.place: the new municipality near the job', () => {
  const eindhoven = { code: 'GM0772', name: 'Eindhoven', regionCode: 'AM20', provinceCode: 'PV30', centroid: { lat: 51.44, lon: 5.47 }, population: 240000 };
  it.each<[string, Partial<RelinkingJob>, boolean]>([
    ['the job in the municipality itself', { municipalityCode: 'GM0772', location: null }, true],
    ['the job 12 km away', { municipalityCode: 'GM0794', location: { lat: 51.48, lon: 5.65 } }, true],
    ['the job in Amsterdam, about 110 km away', { municipalityCode: 'GM0363', location: { lat: 52.37, lon: 4.9 } }, false],
    ['the workplace unknown', { municipalityCode: null, location: null }, false],
  ])('%s', (_name, j, passed) => {
    const r = checkRelinking({ ...args({}, j), target: eindhoven });
    const place = r.checks.find((c) => c.rule === 'R15.place')!;
    expect(place.passed).toBe(passed);
    expect(place.reason.en).toContain('Eindhoven');
  });
  it('without a target there is no R15.place check', () => {
    expect(checkRelinking(args()).checks.some((c) => c.rule === 'R15.place')).toBe(false);
  });
});

describe('R15 cleaning and distribution codes (the deliberate list)', () => {
  it.each([
    ['9111', 'cleaning'],
    ['9112', 'cleaning'],
    ['9121', 'cleaning'],
    ['9122', 'cleaning'],
    ['9123', 'cleaning'],
    ['9129', 'cleaning'],
    ['5151', 'cleaning'],
    ['9613', 'cleaning'],
    ['9321', 'distribution'],
    ['9331', 'distribution'],
    ['9333', 'distribution'],
    ['9334', 'distribution'],
    ['4321', 'distribution'],
    ['8322', 'distribution'],
    ['8344', 'distribution'],
    ['9621', 'distribution'],
  ])('ISCO %s is %s work', (code, kind) => {
    expect(excludedFromRelinking(code, DEFAULT_POLICY.params.relinkingExcludedIsco)?.kind).toBe(kind);
  });

  it.each(['8332', '4323', '5120', '2221', '7411', '9329', '5152'])('ISCO %s is neither', (code) => {
    expect(excludedFromRelinking(code, DEFAULT_POLICY.params.relinkingExcludedIsco)).toBeNull();
  });

  it('the default policy holds 4 cleaning and 8 distribution entries, each with what it covers', () => {
    const list = DEFAULT_POLICY.params.relinkingExcludedIsco;
    expect(list.filter((e) => e.kind === 'cleaning')).toHaveLength(4);
    expect(list.filter((e) => e.kind === 'distribution')).toHaveLength(8);
    expect(list.every((e) => (e.label ?? '').length > 0)).toBe(true);
  });

  it('the list is the policy\'s: a policy without 9112 lets a cleaning job through R15.excluded', () => {
    const policy = { ...DEFAULT_POLICY, params: { ...DEFAULT_POLICY.params, relinkingExcludedIsco: DEFAULT_POLICY.params.relinkingExcludedIsco.filter((e) => e.prefix !== '911') } };
    const a = args({ policy, candidate: candidate({ occupations: [{ iscoCode: '9112', years: 4 }] }) }, { iscoCode: '9112' });
    expect(failed(a)).toEqual([]);
    expect(failed({ ...a, policy: DEFAULT_POLICY })).toEqual(['R15.excluded']);
  });
});
