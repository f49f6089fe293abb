import fc from 'fast-check';
import { ORIGIN, candidate, household, municipality, north, tie } from '../../test/fixtures';
import {
  DEFAULT_POLICY,
  InMemoryLabourDemand,
  LINK_COMPONENTS,
  applyPolicyOverride,
  checkHardTies,
  hardTiePoints,
  housingTask,
  satisfiesHardTies,
  scoreMunicipalityLink,
  linkValues,
  prepareLink,
} from '../index';
import type { CandidateProfile, HardTie, Household, LinkContext, TieKind } from '../index';

const labourDemand = new InMemoryLabourDemand([
  { regionCode: 'AM14', iscoGroup: '5120', tension: 3 }, // 3 / 4 = 0.75
  { regionCode: 'AM14', iscoGroup: '2221', tension: 1 }, // 0.5
  { regionCode: 'AM14', iscoGroup: '9112', tension: 0 }, // 0
]);
const context: LinkContext = { policy: DEFAULT_POLICY, onDate: '2024-06-01', capacityLeft: 10, labourDemand };
const link = (hh: Household, over: Partial<LinkContext> = {}, mun = municipality()) => scoreMunicipalityLink({ household: hh, municipality: mun, context: { ...context, ...over } });
const linkValuesOf = (hh: Household, over: Partial<LinkContext> = {}, mun = municipality()) => linkValues({ household: hh, municipality: mun, context: { ...context, ...over } });
const value = (r: ReturnType<typeof link>, name: string) => r.components.find((c) => c.name === name)?.value;
const withTies = (...ties: HardTie[]) => household([candidate({ ties })]);
const r12 = (r: ReturnType<typeof link>) => r.checks.filter((c) => c.rule === 'R12');

describe('R12 hard ties: every hard tie within the tie radius, or the municipality is never eligible', () => {
  const work = (hoursPerWeek: number, over: Partial<HardTie> = {}) => tie({ kind: 'WORK', location: north(ORIGIN, 80), hoursPerWeek, signedContract: true, payslip: true, ...over });
  it.each<[string, HardTie[], boolean, Partial<LinkContext>?]>([
    ['first-degree family exactly 50.0 km away: within', [tie({ location: north(ORIGIN, 50) })], true],
    ['first-degree family 50.01 km away: beyond', [tie({ location: north(ORIGIN, 50.01) })], false],
    ['the radius is a policy parameter: 40 km with a 30 km radius', [tie({ location: north(ORIGIN, 40) })], false, { policy: applyPolicyOverride(DEFAULT_POLICY, { params: { tieRadiusKm: 30 } }) }],
    ['work of exactly 8 hours with contract and payslip is hard: 80 km is beyond', [work(8)], false],
    ['work of 7.5 hours is no hard tie', [work(7.5)], true],
    ['work without a payslip is no hard tie', [work(12, { payslip: false })], true],
    ['work without a signed contract is no hard tie', [work(12, { signedContract: false })], true],
    ['work with unknown hours is no hard tie', [work(0, { hoursPerWeek: null })], true],
    ['admission to education 80 km away', [tie({ kind: 'EDUCATION', location: north(ORIGIN, 80) })], false],
    ['necessary medical treatment 80 km away', [tie({ kind: 'MEDICAL', location: north(ORIGIN, 80) })], false],
    ['family beyond the first degree is network, not a hard tie', [tie({ firstDegree: false, location: north(ORIGIN, 80) })], true],
    ['a tie in the municipality itself always binds within', [tie({ municipalityCode: 'GM0344', location: north(ORIGIN, 80) })], true],
    ['one tie within and one beyond: not eligible', [tie({ location: north(ORIGIN, 10) }), tie({ kind: 'MEDICAL', location: north(ORIGIN, -60) })], false],
    ['a caller-supplied distance (e.g. by road) is used', [tie({ location: north(ORIGIN, 80) })], true, { distanceKm: () => 42 }],
  ])('%s', (_name, ties, eligible, over = {}) => {
    const r = link(withTies(...ties), over);
    expect(r.eligible).toBe(eligible);
    expect(r12(r).every((c) => c.passed)).toBe(eligible);
  });

  it('counts the ties of every member of the household (R16)', () => {
    const hh = household([candidate({ id: 'a', ties: [tie({ location: north(ORIGIN, 20) })] }), candidate({ id: 'b', ties: [tie({ kind: 'EDUCATION', location: north(ORIGIN, 70) })] })]);
    const r = link(hh);
    expect(r.eligible).toBe(false);
    expect(r12(r).map((c) => c.passed)).toEqual([true, false]);
    expect(r12(r)[1].reason.nl).toBe('Harde binding: toelating tot onderwijs in GM9999 (lid b), op 70 km van Utrecht, verder dan 50 km: deze gemeente kan niet.');
    expect(r12(r)[1].reason.en).toBe('Hard tie: admission to education in GM9999 (member b), 70 km from Utrecht, beyond 50 km: this municipality is not possible.');
  });

  it('says why a tie does not bind', () => {
    const r = link(withTies(work(7.5, { payslip: false })));
    expect(r12(r)[0]).toEqual({
      rule: 'R12',
      passed: true,
      reason: { nl: 'Werk in GM9999 (lid cand-1) is geen harde binding: 7,5 uur per week (minimaal 8), geen loonstrook.', en: 'Work in GM9999 (member cand-1) is not a hard tie: 7.5 hours a week (at least 8), no payslip.' },
    });
    expect(r12(link(withTies()))[0].reason.en).toBe('No hard ties: any distance is allowed.');
  });

  it('minWorkHoursForTie is a policy parameter', () => {
    const twelve = applyPolicyOverride(DEFAULT_POLICY, { params: { minWorkHoursForTie: 12 } });
    expect(link(withTies(work(10)), {}).eligible).toBe(false);
    expect(link(withTies(work(10)), { policy: twelve }).eligible).toBe(true);
  });

  it('checkHardTies, hardTiePoints and satisfiesHardTies agree (fast pruning for the matching engine)', () => {
    const kinds: TieKind[] = ['FAMILY', 'WORK', 'EDUCATION', 'MEDICAL'];
    const tieArb = fc.record({
      kind: fc.constantFrom(...kinds),
      municipalityCode: fc.constantFrom('GM0344', 'GM0001', 'GM0002'),
      km: fc.double({ min: -120, max: 120, noNaN: true }),
      hoursPerWeek: fc.option(fc.integer({ min: 0, max: 40 })),
      signedContract: fc.boolean(),
      payslip: fc.boolean(),
      firstDegree: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(tieArb, { maxLength: 3 }), { minLength: 1, maxLength: 3 }), (memberTies) => {
        const hh = household(memberTies.map((ts, i) => candidate({ id: `m${i}`, ties: ts.map(({ km, ...t }) => ({ ...t, location: north(ORIGIN, km) })) })));
        const mun = municipality();
        const full = checkHardTies({ household: hh, municipality: mun, policy: DEFAULT_POLICY });
        const fast = satisfiesHardTies({ points: hardTiePoints({ household: hh, policy: DEFAULT_POLICY }), municipality: mun, radiusKm: 50 });
        expect(fast).toBe(full.passed);
        // A municipality beyond the radius of any hard tie is never eligible.
        const beyond = full.ties.some((t) => t.qualifies && t.distanceKm > 50 + 1e-3);
        if (beyond) expect(link(hh).eligible).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('R11 capacity: the whole household must fit in the remaining task', () => {
  const three = household([candidate({ id: 'a' }), candidate({ id: 'b' }), candidate({ id: 'c', birthDate: '2015-01-01' })]);
  it.each<[string, number | null, boolean]>([
    ['three persons, room for two: full', 2, false],
    ['three persons, room for exactly three', 3, true],
    ['unknown capacity is not judged', null, true],
    ['no room at all', 0, false],
  ])('%s', (_name, capacityLeft, eligible) => {
    const r = link(three, { capacityLeft });
    expect(r.checks[0].rule).toBe('R11');
    expect(r.checks[0].passed).toBe(eligible);
    expect(r.eligible).toBe(eligible);
  });

  it('explains a full municipality', () => {
    expect(link(three, { capacityLeft: 2 }).checks[0].reason.nl).toBe('Utrecht kan deze periode nog 2 personen huisvesten; het huishouden telt 3: vol.');
  });

  it('counts every person, also children without a record (household.size)', () => {
    const five = { ...household([candidate({ id: 'a' }), candidate({ id: 'b' })]), size: 5 };
    expect(link(five, { capacityLeft: 4 }).checks[0]).toMatchObject({ rule: 'R11', passed: false });
    expect(link(five, { capacityLeft: 5 }).checks[0]).toMatchObject({ rule: 'R11', passed: true });
    expect(() => link({ ...five, size: 1 }, { capacityLeft: 5 })).toThrow(/size: must be a whole number of at least the 2 members/);
  });
});

describe('R13/R14 components, hand-computed', () => {
  // One adult with two occupations and a diploma, a child; a 4-hour job (not a hard tie) and a
  // cousin, both 25 km away; the adult prefers this municipality.
  const adult = candidate({
    id: 'A',
    occupations: [
      { iscoCode: '5120', years: 3 },
      { iscoCode: '2221', years: 1 },
    ],
    diplomas: [{ level: 'MBO', status: 'EVALUATED', iscoCode: '2221' }],
    preferences: { municipalityCodes: ['GM0344'] },
    ties: [tie({ kind: 'WORK', hoursPerWeek: 4, signedContract: true, payslip: true, location: north(ORIGIN, 25) }), tie({ firstDegree: false, location: north(ORIGIN, 25) })],
  });
  const child = candidate({ id: 'C', birthDate: '2015-03-01' });
  const r = link(household([adult, child]), { reachable: { adults: [{ candidateId: 'A', eligibleVacancies: 30, meanBestScore: 0.8 }] } });

  it.each([
    ['education: demand for the diploma occupation 2221 (tension 1)', 'education', 0.5],
    ['experience: (0.75 × 3 years + 0.5 × 1 year) / 4 years', 'experience', 0.6875],
    ['network: 0.5 + 0.5 × 0.25^(25/50)', 'network', 0.75],
    ['preferences: this municipality is preferred', 'preferences', 1],
    ['labour demand: the best prospect, 5120 (tension 3)', 'labourDemand', 0.75],
    ['vacancy count: 30 / (30 + 10)', 'vacancyCount', 0.75],
    ['vacancy quality: mean best score', 'vacancyQuality', 0.8],
    ['current job: 0.25^(25/50), even though 4 hours is no hard tie', 'currentJobOrSchool', 0.5],
  ])('%s', (_name, name, expected) => {
    expect(value(r, name)).toBeCloseTo(expected, 12);
  });

  it('sums to 0.723125 with the default link weights; only adults are averaged (R16)', () => {
    // .1 × .5 + .15 × .6875 + .1 × .75 + .1 × 1 + .15 × .75 + .15 × .75 + .15 × .8 + .1 × .5
    expect(r.score).toBeCloseTo(0.723125, 12);
    // Without an outcome model, and at its default weight 0, expectedEmployment is not listed.
    expect(r.components.map((c) => c.name)).toEqual(LINK_COMPONENTS.filter((n) => n !== 'expectedEmployment'));
    expect(r.adultIds).toEqual(['A']);
    expect(r.eligible).toBe(true);
    expect(r.policyVersion).toBe(DEFAULT_POLICY.version);
    expect(r.components.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(r.score, 12);
  });

  it.each<[string, CandidateProfile['preferences'], number]>([
    ['no preference: neutral', undefined, 0.5],
    ['an empty preference: neutral', { municipalityCodes: [], regionCodes: [] }, 0.5],
    ['the labour-market region', { regionCodes: ['AM14'] }, 0.75],
    ['the province', { regionCodes: ['PV26'] }, 0.75],
    ['elsewhere', { municipalityCodes: ['GM0363'] }, 0.25],
  ])('R13 preference: %s', (_name, preferences, expected) => {
    expect(value(link(household([candidate({ preferences })])), 'preferences')).toBe(expected);
  });

  it('R14 expected employment: listed with the model\'s share and words when a model is given, counted with its weight', () => {
    const hh = household([candidate({ id: 'A' })]);
    const outlook = { share: 0.8, expected: 0.8, adults: 1, modelVersion: 'm@abc', reasons: [{ nl: 'Nederlands op B1', en: 'Dutch at B1' }] };
    const atZero = link(hh, { expectedEmployment: outlook });
    const c = atZero.components.find((x) => x.name === 'expectedEmployment')!;
    expect(c).toMatchObject({ value: 0.8, weight: 0, contribution: 0 });
    expect(c.reason.en).toContain('0.8 of 1 adult');
    expect(c.reason.en).toContain('m@abc');
    expect(c.reason.nl).toContain('Nederlands op B1');
    expect(atZero.score).toBe(link(hh).score); // weight 0: the score is what it was
    const weighted = applyPolicyOverride(DEFAULT_POLICY, { linkWeights: { expectedEmployment: 0.2 } });
    const withModel = link(hh, { policy: weighted, expectedEmployment: outlook });
    const without = link(hh, { policy: weighted });
    expect(withModel.score - without.score).toBeCloseTo(0.2 * (0.8 - 0.5), 12); // neutral 0.5 without a model
    expect(without.components.find((x) => x.name === 'expectedEmployment')!.reason.en).toContain('No outcome model loaded');
    expect(withModel.components.reduce((a, x) => a + x.contribution, 0)).toBeCloseTo(withModel.score, 12);
  });

  it('without information every soft component is neutral', () => {
    const bare = link(household([candidate()]), { labourDemand: null });
    expect(bare.components.map((c) => c.value)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(bare.score).toBeCloseTo(0.5, 12);
  });

  it('R14: an adult missing from the reachable summary has no vacancies', () => {
    const x = link(household([candidate({ id: 'A' }), candidate({ id: 'B' })]), { reachable: { adults: [{ candidateId: 'A', eligibleVacancies: 10, meanBestScore: 0.6 }] } });
    expect(value(x, 'vacancyCount')).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(value(x, 'vacancyQuality')).toBeCloseTo((0.6 + 0) / 2, 12);
  });

  it('the labour-demand reasons say which ISCO level was used and that a missing figure is neutral', () => {
    const x = link(household([candidate({ occupations: [{ iscoCode: '5121', years: 1 }, { iscoCode: '7411', years: 1 }] })]), {
      labourDemand: new InMemoryLabourDemand([{ regionCode: 'AM14', iscoGroup: '512', tension: 1 }]),
    });
    const reason = x.components.find((c) => c.name === 'experience')?.reason;
    expect(reason?.nl).toContain('ISCO 5121: 1 vacatures per kortdurend werkloze (3-cijferige groep 512)');
    expect(reason?.en).toContain('ISCO 7411: no figure, counts as neutral');
  });
});

describe('R16 the household is the unit: every adult counts', () => {
  const strong = (id: string) => candidate({ id, occupations: [{ iscoCode: '5120', years: 5 }] });
  const weak = (id: string) => candidate({ id, occupations: [{ iscoCode: '9112', years: 2 }] });
  const reachable = { adults: ['S1', 'S2'].map((candidateId) => ({ candidateId, eligibleVacancies: 30, meanBestScore: 0.8 })) };
  const score = (hh: Household) => link(hh, { reachable });

  it('one strong and one weak adult score below two strong adults, and above two weak ones', () => {
    const ss = score(household([strong('S1'), strong('S2')]));
    const sw = score(household([strong('S1'), weak('W1')]));
    const ww = score(household([weak('W1'), weak('W2')]));
    expect(sw.score).toBeLessThan(ss.score);
    expect(ww.score).toBeLessThan(sw.score);
    // The mean, not the best: vacancy count (0.75 + 0) / 2, labour demand (0.75 + 0) / 2.
    expect(value(sw, 'vacancyCount')).toBeCloseTo(0.375, 12);
    expect(value(sw, 'labourDemand')).toBeCloseTo(0.375, 12);
    expect(value(ss, 'labourDemand')).toBeCloseTo(0.75, 12);
  });

  it('a household of minors only is averaged over all its members', () => {
    const kids = household([candidate({ id: 'k1', birthDate: '2010-01-01' }), candidate({ id: 'k2', birthDate: '2012-01-01' })]);
    expect(link(kids).adultIds).toEqual(['k1', 'k2']);
  });

  it('says the household is placed together', () => {
    const c = link(household([strong('S1'), candidate({ id: 'k', birthDate: '2015-01-01' })])).checks.find((x) => x.rule === 'R16');
    expect(c?.reason.nl).toBe('Het huishouden (2 personen, 1 volwassene) wordt samen geplaatst; elke volwassene telt mee in de score.');
  });

  it('refuses a household without members', () => {
    expect(() => link(household([]))).toThrow('household(hh-1).members: must hold at least one member');
  });
});

describe('link invariants on random households', () => {
  it('score in [0, 1], contributions sum to it, a failed check means not eligible', () => {
    const member = fc.record({
      age: fc.integer({ min: 1, max: 70 }),
      iscos: fc.subarray(['5120', '2221', '9112', '7411']),
      soft: fc.option(fc.double({ min: 0, max: 200, noNaN: true })),
      work: fc.option(fc.record({ km: fc.double({ min: 0, max: 200, noNaN: true }), hours: fc.integer({ min: 0, max: 40 }) })),
      pref: fc.option(fc.constantFrom('GM0344', 'AM14', 'GM0363')),
      reach: fc.option(fc.record({ n: fc.integer({ min: 0, max: 100 }), q: fc.double({ min: -0.5, max: 1.5, noNaN: true }) })),
    });
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 5 }), fc.option(fc.integer({ min: 0, max: 8 })), (ms, capacityLeft) => {
        const members = ms.map((m, i) =>
          candidate({
            id: `m${i}`,
            birthDate: `${2024 - m.age}-01-01`,
            occupations: m.iscos.map((iscoCode) => ({ iscoCode, years: 2 })),
            preferences: m.pref ? (m.pref.startsWith('GM') ? { municipalityCodes: [m.pref] } : { regionCodes: [m.pref] }) : undefined,
            ties: [
              ...(m.soft === null ? [] : [tie({ firstDegree: false, location: north(ORIGIN, m.soft) })]),
              ...(m.work === null ? [] : [tie({ kind: 'WORK', hoursPerWeek: m.work.hours, signedContract: true, payslip: true, location: north(ORIGIN, m.work.km) })]),
            ],
          }),
        );
        const reachable = { adults: ms.flatMap((m, i) => (m.reach ? [{ candidateId: `m${i}`, eligibleVacancies: m.reach.n, meanBestScore: m.reach.q }] : [])) };
        const r = link(household(members), { capacityLeft, reachable });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        for (const c of r.components) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
        }
        expect(Math.abs(r.components.reduce((a, c) => a + c.contribution, 0) - r.score)).toBeLessThanOrEqual(1e-9);
        expect(r.eligible).toBe(r.checks.every((c) => c.passed));
        // The fast path (no words) gives the identical score, values and eligibility.
        const fast = linkValuesOf(household(members), { capacityLeft, reachable });
        expect(fast.score).toBe(r.score);
        expect(fast.eligible).toBe(r.eligible);
        expect(r.components.map((c) => c.value)).toEqual(r.components.map((c) => fast.values[c.name as keyof typeof fast.values]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('prepareLink: one household, many municipalities', () => {
  // Two regions with different figures for the same codes, so a demand value kept for the wrong region shows.
  const demand = new InMemoryLabourDemand([
    { regionCode: 'AM14', iscoGroup: '5120', tension: 3 },
    { regionCode: 'AM14', iscoGroup: '2221', tension: 1 },
    { regionCode: 'AM01', iscoGroup: '5120', tension: 0.2 },
    { regionCode: 'AM01', iscoGroup: '22', tension: 7 },
  ]);
  const places = [
    municipality(),
    municipality({ code: 'GM0014', name: 'Groningen', regionCode: 'AM01', provinceCode: 'PV20', centroid: north(ORIGIN, 150) }),
    municipality({ code: 'GM0363', name: 'Amsterdam', regionCode: 'AM14', provinceCode: 'PV27', centroid: north(ORIGIN, 35) }),
    municipality({ code: 'GM0034', name: 'Almere', regionCode: 'AM01', provinceCode: 'PV24', centroid: north(ORIGIN, 45) }),
  ];

  it('gives each municipality what linkValues gives it alone, in any order and with any capacity and reachable summary (R11-R14, R16)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ age: fc.integer({ min: 10, max: 60 }), iscos: fc.subarray(['5120', '2221', '2230', '9112']), tieKm: fc.option(fc.double({ min: 0, max: 200, noNaN: true })) }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ at: fc.nat(places.length - 1), cap: fc.option(fc.integer({ min: 0, max: 6 })), n: fc.nat(50), q: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 12 }),
        (ms, calls) => {
          const members = ms.map((m, i) =>
            candidate({
              id: `m${i}`,
              birthDate: `${2024 - m.age}-01-01`,
              occupations: m.iscos.map((iscoCode) => ({ iscoCode, years: 1 + i })),
              diplomas: m.iscos.slice(0, 1).map((iscoCode) => ({ level: 'MBO' as const, iscoCode, status: 'EVALUATED' as const })),
              ties: m.tieKm === null ? [] : [tie({ kind: 'EDUCATION', location: north(ORIGIN, m.tieKm) }), tie({ firstDegree: false, location: north(ORIGIN, m.tieKm / 2) })],
            }),
          );
          const hh = household(members);
          const scorer = prepareLink({ household: hh, context: { policy: DEFAULT_POLICY, onDate: '2024-06-01', labourDemand: demand } });
          for (const c of calls) {
            const reachable = { adults: members.map((m) => ({ candidateId: m.id, eligibleVacancies: c.n, meanBestScore: c.q })) };
            const alone = linkValues({ household: hh, municipality: places[c.at], context: { policy: DEFAULT_POLICY, onDate: '2024-06-01', labourDemand: demand, capacityLeft: c.cap, reachable } });
            expect(scorer.values({ municipality: places[c.at], capacityLeft: c.cap, reachable })).toEqual(alone);
            expect(scorer.score({ municipality: places[c.at], reachable })).toBe(alone.score);
            expect(scorer.eligible({ municipality: places[c.at], capacityLeft: c.cap })).toBe(alone.eligible);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads labour demand by the municipality\'s own region', () => {
    const hh = household([candidate({ occupations: [{ iscoCode: '5120', years: 3 }] })]);
    const scorer = prepareLink({ household: hh, context: { policy: DEFAULT_POLICY, onDate: '2024-06-01', labourDemand: demand } });
    const [utrecht, groningen] = [places[0], places[1]].map((m) => scorer.values({ municipality: m, capacityLeft: null }).values.experience);
    expect(utrecht).toBeCloseTo(3 / 4, 12);
    expect(groningen).toBeCloseTo(0.2 / 1.2, 12);
  });
});

describe('R11 housing task: ceil(national total × population / national population)', () => {
  it.each([
    [10_000, 1_234, 100_000, 124], // 123.4 → 124
    [10_000, 5_000, 100_000, 500], // exactly 500, not 501
    [0, 5_000, 100_000, 0],
    [20_000, 931_298, 18_000_000, 1_035], // 1034.77… → 1035
  ])('total %i, population %i of %i → %i', (nationalTotal, municipalityPopulation, nationalPopulation, expected) => {
    expect(housingTask({ nationalTotal, municipalityPopulation, nationalPopulation })).toBe(expected);
  });

  it('takes the policy override of the national total when set (what-if)', () => {
    const p = applyPolicyOverride(DEFAULT_POLICY, { params: { nationalHousingTotal: 20_000 } });
    expect(housingTask({ nationalTotal: 10_000, municipalityPopulation: 1_234, nationalPopulation: 100_000, policy: p })).toBe(247); // 246.8
    expect(housingTask({ nationalTotal: 10_000, municipalityPopulation: 1_234, nationalPopulation: 100_000, policy: DEFAULT_POLICY })).toBe(124);
  });

  it('refuses a missing total and impossible figures', () => {
    expect(() => housingTask({ municipalityPopulation: 1, nationalPopulation: 2 })).toThrow('no national total');
    expect(() => housingTask({ nationalTotal: 5, municipalityPopulation: 1.5, nationalPopulation: 2 })).toThrow('whole numbers');
    expect(() => housingTask({ nationalTotal: 5, municipalityPopulation: 1, nationalPopulation: 0 })).toThrow('whole numbers');
  });
});
