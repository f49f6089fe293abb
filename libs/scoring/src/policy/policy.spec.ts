import defaultJson from '../../../../config/policies/nl-2026-01.json';
import {
  DEFAULT_POLICY,
  POLICY_VERSIONS,
  datedVersions,
  policyByName,
  policyInForce,
  PolicyValidationError,
  applyPolicyOverride,
  parsePolicy,
  toPolicyOverride,
  validatePolicy,
} from '../index';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
// Tests below mutate a copy of the policy JSON freely, including into wrong types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

function errorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof PolicyValidationError) return err.errors;
    throw err;
  }
  throw new Error('expected a PolicyValidationError');
}

describe('default policy: every (param) of domain.md', () => {
  const p = DEFAULT_POLICY.params;
  it.each([
    ['R1.2 asylum work wait, months', p.asylumWorkWaitMonths, 6],
    ['R1.5 work-permit lead time, weeks', p.workPermitLeadTimeWeeks, 5],
    ['R1.5 lead time in practice, weeks', p.workPermitLeadTimeMaxWeeks, 9],
    ['R12 tie radius, km', p.tieRadiusKm, 50],
    ['R12b minimum work hours for a tie', p.minWorkHoursForTie, 8],
    ['R15b re-linking minimum contract, months', p.relinkingMinContractMonths, 6],
    ['R5 language coaching credit, CEFR steps', p.languageCoachingCreditSteps, 1],
    ['R10 reference radius, km', p.distance.referenceRadiusKm, 50],
    ['R10 stability: hours', p.stability.minHoursPerWeek, 8],
    ['R11 national housing total override', p.nationalHousingTotal, null],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('R1: keeps the 24-week cap only as a switched-off dated rule', () => {
    expect(p.historicalWorkCap).toEqual({ enabled: false, weeksPerYear: 24, abolishedOn: '2023-11-29' });
  });

  it('R1.6, R15c: holds the minimum wage and the social-assistance norms as money per month', () => {
    // The newest version: 14.71 EUR an hour from 1 January 2026 (reference monthly wage at 36 h).
    expect(p.statutoryMinimumWagePerMonth).toBe(2294.4);
    expect(p.socialAssistanceNormPerMonth).toEqual({ single: 1369.06, couple: 1955.8 });
  });

  it('job weights and link weights each sum to 1', () => {
    const sum = (o: object) => Object.values(o).reduce((a: number, b: number) => a + b, 0);
    expect(sum(DEFAULT_POLICY.jobWeights)).toBeCloseTo(1, 12);
    expect(sum(DEFAULT_POLICY.linkWeights)).toBeCloseTo(1, 12);
  });

  it('R18: its version is the name plus a 12-hex-digit content hash', () => {
    expect(DEFAULT_POLICY.version).toMatch(/^nl-2026-01@[0-9a-f]{12}$/);
  });

  it('is frozen, so nobody can change it behind its version', () => {
    expect(() => {
      (DEFAULT_POLICY.params as { tieRadiusKm: number }).tieRadiusKm = 10;
    }).toThrow(TypeError);
    expect(DEFAULT_POLICY.params.tieRadiusKm).toBe(50);
  });
});

describe('parsePolicy / validatePolicy', () => {
  it('gives the same version for the same content, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(clone(defaultJson)).reverse());
    expect(parsePolicy(reordered).version).toBe(DEFAULT_POLICY.version);
    expect(parsePolicy(JSON.stringify(defaultJson)).version).toBe(DEFAULT_POLICY.version);
  });

  it('accepts and ignores a version field (the version is always derived)', () => {
    const withVersion = { ...clone(defaultJson), version: 'made-up@000000000000' };
    expect(parsePolicy(withVersion).version).toBe(DEFAULT_POLICY.version);
  });

  it('gives a different version when any content changes', () => {
    const changed = clone(defaultJson);
    changed.params.tieRadiusKm = 49;
    expect(parsePolicy(changed).version).not.toBe(DEFAULT_POLICY.version);
  });

  it.each<[string, (j: Loose) => void, string]>([
    ['zero radius', (j) => (j.params.tieRadiusKm = 0), 'params.tieRadiusKm: must be a number > 0'],
    ['radius as text', (j) => (j.params.tieRadiusKm = '50'), 'params.tieRadiusKm: must be a number > 0'],
    ['fractional months', (j) => (j.params.asylumWorkWaitMonths = 4.5), 'params.asylumWorkWaitMonths: must be an integer >= 0'],
    ['missing field', (j) => delete j.params.minWorkHoursForTie, 'params.minWorkHoursForTie: is required'],
    ['unknown field', (j) => (j.params.tieRadiusMiles = 31), 'params.tieRadiusMiles: unknown field'],
    ['weight above 1', (j) => (j.jobWeights.skills = 1.5), 'jobWeights.skills: must be a number in [0, 1]'],
    ['weights not summing to 1', (j) => (j.linkWeights.network = 0.2), 'linkWeights: weights must sum to 1 (they sum to 1.1)'],
    ['bad cap date', (j) => (j.params.historicalWorkCap.abolishedOn = '2023-11-31'), 'params.historicalWorkCap.abolishedOn: must be null or an ISO date (YYYY-MM-DD)'],
    ['lead max below lead', (j) => (j.params.workPermitLeadTimeMaxWeeks = 4), 'params.workPermitLeadTimeMaxWeeks: must be >= workPermitLeadTimeWeeks (5)'],
    ['rising language table', (j) => (j.params.language.valueByStepsBelow = [1, 0.2, 0.5]), 'params.language.valueByStepsBelow[2]: must not exceed the previous entry (0.2)'],
    ['value out of [0,1] in a table', (j) => (j.params.diploma.valueByLevelsBelow = [1, 2]), 'params.diploma.valueByLevelsBelow[1]: must be a number in [0, 1]'],
    ['unknown CEFR level', (j) => (j.params.language.defaultMinEnglishLevel = 'B3'), 'params.language.defaultMinEnglishLevel: must be one of NONE, A1, A2, B1, B2, C1, C2'],
    ['stability sub-weights', (j) => (j.params.stability.hoursWeight = 0.5), 'params.stability: contractWeight + hoursWeight + relocationWeight must sum to 1 (they sum to 1.2)'],
    ['occupation credit max below start', (j) => (j.params.skills.occupationCreditMax = 0.4), 'params.skills.occupationCreditMax: must be >= occupationCreditAtZeroYears (0.5)'],
    ['empty name', (j) => (j.name = ' '), 'name: must be a non-empty string'],
    ['cap switch as text', (j) => (j.params.historicalWorkCap.enabled = 'yes'), 'params.historicalWorkCap.enabled: must be true or false'],
    ['params not an object', (j) => (j.params = []), 'params: must be an object'],
  ])('refuses %s with the path of the field', (_name, mutate, message) => {
    const j = clone(defaultJson) as Loose;
    mutate(j);
    expect(errorsOf(() => parsePolicy(j))).toContain(message);
    const result = validatePolicy(j);
    expect(result.ok).toBe(false);
  });

  it('lists every offending field at once', () => {
    const j = clone(defaultJson) as Loose;
    j.params.tieRadiusKm = -1;
    j.params.minWorkHoursForTie = null;
    expect(errorsOf(() => parsePolicy(j))).toEqual(['params.tieRadiusKm: must be a number > 0', 'params.minWorkHoursForTie: must be a number >= 0']);
  });

  it('refuses text that is not JSON, and a root that is not an object', () => {
    expect(errorsOf(() => parsePolicy('{ nope')).join()).toMatch(/^\(root\): not valid JSON/);
    expect(errorsOf(() => parsePolicy(42))).toEqual(['(root): must be an object']);
  });
});

describe('applyPolicyOverride', () => {
  it('R18: an override yields a new policy with a new version; the base is untouched', () => {
    const p = applyPolicyOverride(DEFAULT_POLICY, { params: { tieRadiusKm: 30 } });
    expect(p.params.tieRadiusKm).toBe(30);
    expect(p.params.minWorkHoursForTie).toBe(8);
    expect(p.version).toMatch(/^nl-2026-01@[0-9a-f]{12}$/);
    expect(p.version).not.toBe(DEFAULT_POLICY.version);
    expect(DEFAULT_POLICY.params.tieRadiusKm).toBe(50);
  });

  it('same content, same version: twice the same override, or an override back to the base values', () => {
    const a = applyPolicyOverride(DEFAULT_POLICY, { params: { asylumWorkWaitMonths: 4 } });
    const b = applyPolicyOverride(DEFAULT_POLICY, { params: { asylumWorkWaitMonths: 4 } });
    expect(a.version).toBe(b.version);
    expect(applyPolicyOverride(a, { params: { asylumWorkWaitMonths: 6 } }).version).toBe(DEFAULT_POLICY.version);
    expect(applyPolicyOverride(DEFAULT_POLICY, {}).version).toBe(DEFAULT_POLICY.version);
  });

  it('can rename the policy, which shows in the version', () => {
    expect(applyPolicyOverride(DEFAULT_POLICY, { name: 'wait-4' }).version).toMatch(/^wait-4@/);
  });

  it('replaces arrays whole and sets nullable fields to null or a value', () => {
    const p = applyPolicyOverride(DEFAULT_POLICY, { params: { language: { valueByStepsBelow: [1, 0] }, nationalHousingTotal: 12000 } });
    expect(p.params.language.valueByStepsBelow).toEqual([1, 0]);
    expect(p.params.language.defaultMinEnglishLevel).toBe('B1');
    expect(p.params.nationalHousingTotal).toBe(12000);
    expect(applyPolicyOverride(p, { params: { nationalHousingTotal: null } }).params.nationalHousingTotal).toBeNull();
    const neverAbolished = applyPolicyOverride(DEFAULT_POLICY, { params: { historicalWorkCap: { enabled: true, abolishedOn: null } } });
    expect(neverAbolished.params.historicalWorkCap).toEqual({ enabled: true, weeksPerYear: 24, abolishedOn: null });
  });

  it.each<[string, unknown, string]>([
    ['an unknown parameter', { params: { tieRadius: 30 } }, 'params.tieRadius: unknown field'],
    ['a bad value', { params: { tieRadiusKm: 0 } }, 'params.tieRadiusKm: must be a number > 0'],
    ['an unknown weight', { jobWeights: { luck: 0.1 } }, 'jobWeights.luck: unknown field'],
    ['the derived version', { version: 'x@1' }, 'version: unknown field'],
    ['given weights above 1', { jobWeights: { skills: 0.8, language: 0.4 } }, 'jobWeights: the overridden weights sum to 1.2, more than 1'],
    ['a lead time above its practical maximum', { params: { workPermitLeadTimeWeeks: 10 } }, 'params.workPermitLeadTimeMaxWeeks: must be >= workPermitLeadTimeWeeks (10)'],
  ])('refuses %s with its path', (_name, override, message) => {
    expect(errorsOf(() => applyPolicyOverride(DEFAULT_POLICY, override))).toContain(message);
  });

  it('renormalises partial weights: given ones kept, the others share the rest in proportion', () => {
    // Base: skills .3, language .2, diploma .1, distance .15, labourDemand .1, timeToStart .05, stability .1.
    // Override skills = .5: the other six (sum .7) share .5, each scaled by .5 / .7.
    const p = applyPolicyOverride(DEFAULT_POLICY, { jobWeights: { skills: 0.5 } });
    expect(p.jobWeights.skills).toBe(0.5);
    expect(p.jobWeights.language).toBeCloseTo(0.2 * (0.5 / 0.7), 12);
    expect(p.jobWeights.distance).toBeCloseTo(0.15 * (0.5 / 0.7), 12);
    expect(p.jobWeights.timeToStart).toBeCloseTo(0.05 * (0.5 / 0.7), 12);
    expect(Object.values(p.jobWeights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('takes a full weight set as given, and refuses it when it does not sum to 1', () => {
    const full = { education: 0.125, experience: 0.125, network: 0.125, preferences: 0.125, labourDemand: 0.125, vacancyCount: 0.125, vacancyQuality: 0.125, currentJobOrSchool: 0.125 };
    // The outcome model's weight, not given, keeps its base 0.
    expect(applyPolicyOverride(DEFAULT_POLICY, { linkWeights: full }).linkWeights).toEqual({ ...full, expectedEmployment: 0 });
    expect(errorsOf(() => applyPolicyOverride(DEFAULT_POLICY, { linkWeights: { ...full, expectedEmployment: 0, network: 0.5 } }))).toEqual(['linkWeights: weights must sum to 1 (they sum to 1.375)']);
  });

  it('refuses a partial weight set when the others are all 0 and a remainder is left', () => {
    const base = applyPolicyOverride(DEFAULT_POLICY, { jobWeights: { skills: 1, language: 0, diploma: 0, distance: 0, labourDemand: 0, timeToStart: 0, stability: 0 } });
    expect(errorsOf(() => applyPolicyOverride(base, { jobWeights: { skills: 0.6 } }))[0]).toMatch(/^jobWeights: the overridden weights sum to 0.6 and the others are all 0/);
    expect(applyPolicyOverride(base, { jobWeights: { skills: 0.6, language: 0.4 } }).jobWeights.language).toBe(0.4);
  });
});

describe('toPolicyOverride: the flat GraphQL PolicyOverride', () => {
  it('maps every flat field to its nested place and drops nulls', () => {
    expect(
      toPolicyOverride({
        name: 'what-if',
        tieRadiusKm: 30,
        minWorkHoursForTie: 12,
        asylumWorkWaitMonths: 4,
        workPermitLeadTimeWeeks: 6,
        workPermitLeadTimeMaxWeeks: null,
        relinkingMinContractMonths: 12,
        languageCoachingCreditSteps: 2,
        statutoryMinimumWagePerMonth: 2300,
        socialAssistanceNormSingle: 1400,
        socialAssistanceNormCouple: null,
        distanceReferenceRadiusKm: 40,
        historicalWorkCap: { enabled: true, abolishedOn: null },
        nationalHousingTotal: 20000,
        jobWeights: { skills: 0.4, language: null },
        linkWeights: null,
      }),
    ).toEqual({
      name: 'what-if',
      params: {
        tieRadiusKm: 30,
        minWorkHoursForTie: 12,
        asylumWorkWaitMonths: 4,
        workPermitLeadTimeWeeks: 6,
        relinkingMinContractMonths: 12,
        languageCoachingCreditSteps: 2,
        statutoryMinimumWagePerMonth: 2300,
        nationalHousingTotal: 20000,
        socialAssistanceNormPerMonth: { single: 1400 },
        distance: { referenceRadiusKm: 40 },
        historicalWorkCap: { enabled: true, abolishedOn: null },
      },
      jobWeights: { skills: 0.4 },
    });
  });

  it('gives the version of the equivalent nested override', () => {
    const flat = applyPolicyOverride(DEFAULT_POLICY, toPolicyOverride({ tieRadiusKm: 30, minWorkHoursForTie: 12, asylumWorkWaitMonths: 4 }));
    const nested = applyPolicyOverride(DEFAULT_POLICY, { params: { tieRadiusKm: 30, minWorkHoursForTie: 12, asylumWorkWaitMonths: 4 } });
    expect(flat.version).toBe(nested.version);
    expect(toPolicyOverride({})).toEqual({});
  });

  it('refuses unknown flat fields by name, and bad values by their nested path', () => {
    expect(errorsOf(() => toPolicyOverride({ tieRadius: 3 } as never))).toEqual(['tieRadius: unknown field']);
    expect(errorsOf(() => applyPolicyOverride(DEFAULT_POLICY, toPolicyOverride({ tieRadiusKm: -5 })))).toEqual(['params.tieRadiusKm: must be a number > 0']);
  });
});

describe('dated policy versions (R18)', () => {
  it('ships versions from 1 July 2025 and 1 January 2026, oldest first, each with the sources of its figures', () => {
    expect(POLICY_VERSIONS.map((v) => [v.name, v.effectiveFrom])).toEqual([
      ['nl-2025-07', '2025-07-01'],
      ['nl-2026-01', '2026-01-01'],
    ]);
    for (const v of POLICY_VERSIONS) {
      expect(v.sources!.some((s) => s.startsWith('params.statutoryMinimumWagePerMonth'))).toBe(true);
      expect(v.sources!.some((s) => s.startsWith('params.socialAssistanceNormPerMonth'))).toBe(true);
    }
    expect(POLICY_VERSIONS.map((v) => v.params.statutoryMinimumWagePerMonth)).toEqual([2245.8, 2294.4]);
  });

  it('picks the version in force on a day: the change is on 1 January 2026', () => {
    expect(policyInForce('2025-12-31').name).toBe('nl-2025-07');
    expect(policyInForce('2026-01-01').name).toBe('nl-2026-01');
    expect(policyInForce('2026-12-06').name).toBe('nl-2026-01');
    // Nothing older is shipped: the oldest answers, and names itself.
    expect(policyInForce('2024-06-01').name).toBe('nl-2025-07');
  });

  it('finds a version by name or full version, and the effective date is part of the version', () => {
    const [a, b] = POLICY_VERSIONS;
    expect(policyByName('nl-2025-07')).toBe(a);
    expect(policyByName(b.version)).toBe(b);
    expect(policyByName('nl-1999-01')).toBeUndefined();
    const moved = clone(defaultJson) as Loose;
    moved.effectiveFrom = '2026-01-02';
    expect(parsePolicy(moved).version).not.toBe(DEFAULT_POLICY.version);
  });

  it('refuses a set of versions that cannot say which is in force', () => {
    const undated = applyPolicyOverride(DEFAULT_POLICY, { name: 'x' });
    const { effectiveFrom: _e, ...rest } = undated as unknown as Record<string, unknown>;
    expect(errorsOf(() => datedVersions([parsePolicy(rest)]))).toEqual(['x.effectiveFrom: is required for a dated version']);
    const twin = applyPolicyOverride(DEFAULT_POLICY, { name: 'twin' });
    expect(errorsOf(() => datedVersions([DEFAULT_POLICY, twin]))).toEqual([`twin.effectiveFrom: 2026-01-01 is also nl-2026-01's`]);
    expect(errorsOf(() => parsePolicy({ ...clone(defaultJson), effectiveFrom: '1 Jan 2026' }))).toEqual(['effectiveFrom: must be an ISO date (YYYY-MM-DD)']);
  });
});
