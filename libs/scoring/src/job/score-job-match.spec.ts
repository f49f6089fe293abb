import { ORIGIN, asylumSeeker, candidate, north, vacancy } from '../../test/fixtures';
import {
  DEFAULT_POLICY,
  InMemoryLabourDemand,
  InMemoryOccupationCatalogue,
  JOB_COMPONENTS,
  applyPolicyOverride,
  explainPrepared,
  occupationCredit,
  prepareCandidate,
  prepareJobContext,
  prepareVacancy,
  scoreJobMatch,
  scorePrepared,
} from '../index';
import type { CandidateProfile, JobMatchContext, VacancyProfile } from '../index';

const catalogue = new InMemoryOccupationCatalogue({
  'occ-cook': { iscoCode: '5120', essentialSkills: ['e2', 'x1'], optionalSkills: ['x2'] },
  'occ-nurse': { iscoCode: '2221', essentialSkills: ['e2'], optionalSkills: [] },
});
const labourDemand = new InMemoryLabourDemand([
  { regionCode: 'AM01', iscoGroup: '5120', tension: 3 },
  { regionCode: 'AM02', iscoGroup: '512', tension: 1 },
  { regionCode: 'AM03', iscoGroup: '51', tension: 0.25, label: 'ruim' },
  { regionCode: 'AM04', iscoGroup: '5', tension: 0 },
]);
const context: JobMatchContext = { policy: DEFAULT_POLICY, onDate: '2024-06-01', catalogue, labourDemand };

const match = (c: Partial<CandidateProfile> = {}, v: Partial<VacancyProfile> = {}, cand = candidate(c)) => scoreJobMatch({ candidate: cand, vacancy: vacancy(v), context });
const value = (r: ReturnType<typeof match>, name: string) => r.components.find((x) => x.name === name)?.value;
const check = (r: ReturnType<typeof match>, rule: string) => r.checks.find((x) => x.rule === rule);

describe('R10 the whole score', () => {
  it('adds weight × value over the seven components (hand-computed: 0.8)', () => {
    // skills 0.5 (no skills listed: neutral) × .3 + language 1 × .2 + diploma 1 × .1 + distance 1 × .15
    // + labour demand 0.5 (no figure: neutral) × .1 + time to start 1 × .05 + stability 1 × .1 = 0.8
    const r = match();
    expect(r.components.map((c) => c.name)).toEqual([...JOB_COMPONENTS]);
    expect(r.components.map((c) => c.value)).toEqual([0.5, 1, 1, 1, 0.5, 1, 1]);
    expect(r.score).toBeCloseTo(0.8, 12);
    expect(r.eligible).toBe(true);
    expect(r.policyVersion).toBe(DEFAULT_POLICY.version);
    for (const c of r.components) expect(c.contribution).toBe(c.weight * c.value);
    expect(r.components.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(r.score, 12);
  });

  it('uses the weights of the policy it is given', () => {
    const skillsOnly = applyPolicyOverride(DEFAULT_POLICY, { jobWeights: { skills: 1 } });
    const r = scoreJobMatch({ candidate: candidate(), vacancy: vacancy(), context: { ...context, policy: skillsOnly } });
    expect(r.score).toBe(0.5);
    expect(r.policyVersion).toBe(skillsOnly.version);
  });
});

describe('R7/R10 skills fit', () => {
  const v = { iscoCode: '2221', essentialSkills: ['e1', 'e2', 'e3', 'e4'], optionalSkills: ['o1', 'o2'] };
  // Essential skills weigh 2, optional 1: denominator 2 × 4 + 1 × 2 = 10.
  // A nurse's job held 2.5 years credits its essential skill e2 with 0.5 + 0.4 × 2.5 / 5 = 0.7.
  const nurse = { escoId: 'occ-nurse', iscoCode: '2221', years: 2.5 };
  it.each<[string, Partial<CandidateProfile>, Partial<VacancyProfile>, number]>([
    ['every skill held explicitly: 1', { skills: ['e1', 'e2', 'e3', 'e4', 'o1', 'o2'] }, v, 1],
    ['no skill at all: 0', {}, v, 0],
    ['essential outweigh optional: only the optional ones, (1 + 1) / 10', { skills: ['o1', 'o2'] }, v, 0.2],
    ['only two essential ones: (2 × 2) / 10', { skills: ['e1', 'e2'] }, v, 0.4],
    ['held occupation credits its essential skills, unrelated ISCO: (2 × (1 + .7) + 1) / 10', { skills: ['e1', 'o1'], occupations: [{ ...nurse, iscoCode: '9999' }] }, v, 0.44],
    ['same ISCO unit group 2221 lifts every other skill to .5 × .7 = .35: (2 × 2.4 + 1.35) / 10', { skills: ['e1', 'o1'], occupations: [nurse] }, v, 0.615],
    ['same ISCO minor group 222 only: .25 × .7 = .175: (2 × 2.05 + 1.175) / 10', { skills: ['e1', 'o1'], occupations: [nurse] }, { ...v, iscoCode: '2222' }, 0.5275],
    ['years saturate at 5: 12 years credit 0.9: (2 × 1.9 + 1) / 10', { skills: ['e1', 'o1'], occupations: [{ ...nurse, iscoCode: '9999', years: 12 }] }, v, 0.48],
    ['an occupation unknown to the catalogue earns only its ISCO relation', { occupations: [{ escoId: 'occ-unknown', iscoCode: '2221', years: 5 }] }, v, 0.45],
    ['a skill listed as essential and optional counts once, as essential: 1 / 3', { skills: ['o1'] }, { essentialSkills: ['e1'], optionalSkills: ['e1', 'o1'] }, 1 / 3],
    ['no skills listed: the ESCO occupation stands in (essential e2, x1 held; optional x2 not): (2 × 2 + 0) / 5', { skills: ['e2', 'x1'] }, { escoOccupationId: 'occ-cook' }, 0.8],
    ['no skills listed and no known occupation: neutral 0.5', { skills: ['e1'] }, { escoOccupationId: 'occ-unknown' }, 0.5],
  ])('%s', (_name, c, vac, expected) => {
    expect(value(match(c, vac), 'skills')).toBeCloseTo(expected, 12);
  });

  it('R7: credit of a held occupation rises with years and saturates', () => {
    const s = DEFAULT_POLICY.params.skills;
    expect(occupationCredit(0, s)).toBe(0.5);
    expect(occupationCredit(2.5, s)).toBeCloseTo(0.7, 12);
    expect(occupationCredit(5, s)).toBeCloseTo(0.9, 12);
    expect(occupationCredit(40, s)).toBeCloseTo(0.9, 12);
  });

  it('explains the count of skills and the related-group credit', () => {
    const r = match({ skills: ['e1', 'o1'], occupations: [nurse] }, v);
    const reason = r.components[0].reason;
    expect(reason.nl).toBe('Van de 4 essentiële vaardigheden heeft de kandidaat er 1 zelf en 1 via eerder werk; van de 2 optionele 1 zelf en 0 via eerder werk. Eerder werk in dezelfde beroepsgroep (ISCO 2221) geeft elke andere vaardigheid deels krediet (0,35).');
    expect(reason.en).toBe('Of the 4 essential skills the candidate has 1 and 1 more through past work; of the 2 optional ones 1, and 0 through past work. Past work in the same occupation group (ISCO 2221) gives every other skill partial credit (0.35).');
  });
});

describe('R5/R10 language fit (value by CEFR steps below: 1, .5, .2, 0)', () => {
  it.each<[string, Partial<CandidateProfile>, Partial<VacancyProfile>, number]>([
    ['R5 A2 for B1 with language coaching counts as enough', { dutchLevel: 'A2' }, { minDutchLevel: 'B1', languageCoaching: true }, 1],
    ['A2 for B1 without coaching: one step short', { dutchLevel: 'A2' }, { minDutchLevel: 'B1' }, 0.5],
    ['A1 for B2 without coaching: three steps short', { dutchLevel: 'A1' }, { minDutchLevel: 'B2' }, 0],
    ['A1 for B2 with coaching (B1): two steps short', { dutchLevel: 'A1' }, { minDutchLevel: 'B2', languageCoaching: true }, 0.2],
    ['no Dutch for A1: one step', { dutchLevel: 'NONE' }, { minDutchLevel: 'A1' }, 0.5],
    ['C2 for B1: above the requirement', { dutchLevel: 'C2' }, { minDutchLevel: 'B1' }, 1],
    ['no Dutch asked', { dutchLevel: 'NONE' }, { minDutchLevel: 'NONE' }, 1],
    ['English suffices at the default B1 level; speaks B2', { dutchLevel: 'NONE', englishLevel: 'B2' }, { minDutchLevel: 'B2', englishSuffices: true }, 1],
    ['English suffices at B1, speaks A2 English, no Dutch for A2: the better route, one step', { dutchLevel: 'NONE', englishLevel: 'A2' }, { minDutchLevel: 'A2', englishSuffices: true }, 0.5],
    ['English suffices at C1 only; Dutch is the better route', { dutchLevel: 'A2', englishLevel: 'B1' }, { minDutchLevel: 'B1', englishSuffices: true, minEnglishLevel: 'C1' }, 0.5],
    ['English does not suffice: fluent English does not help', { dutchLevel: 'A1', englishLevel: 'C2' }, { minDutchLevel: 'B1' }, 0.2],
  ])('%s', (_name, c, v, expected) => {
    expect(value(match(c, v), 'language')).toBe(expected);
  });

  it('says it the way a caseworker would (the example of the issue)', () => {
    const r = match({ dutchLevel: 'A2' }, { minDutchLevel: 'B1', languageCoaching: true });
    expect(r.components[1].reason).toEqual({
      nl: 'Spreekt Nederlands op A2; de vacature vraagt B1, met taalcoaching op de werkvloer telt A2 als voldoende.',
      en: 'Speaks Dutch at A2; the vacancy asks B1; with on-the-job language coaching A2 counts as enough.',
    });
  });

  it('names the shortfall and the English route', () => {
    expect(match({ dutchLevel: 'A1' }, { minDutchLevel: 'B2', languageCoaching: true }).components[1].reason.nl).toBe('Spreekt Nederlands op A1; de vacature vraagt B2, met taalcoaching op de werkvloer B1: 2 niveaus te laag.');
    expect(match({ dutchLevel: 'NONE', englishLevel: 'B2' }, { minDutchLevel: 'B2', englishSuffices: true }).components[1].reason.en).toBe('Speaks no Dutch; the vacancy asks B2; English at B1 also suffices and the candidate speaks English at B2, so English is enough.');
  });
});

describe('R6/R10 diploma fit (status credit × value by levels below: 1, .5, 0)', () => {
  const mbo = { diplomaRequirement: { level: 'MBO' as const } };
  it.each<[string, CandidateProfile['diplomas'], Partial<VacancyProfile>, number]>([
    ['no requirement', [], {}, 1],
    ['requirement of level NONE', [], { diplomaRequirement: { level: 'NONE' } }, 1],
    ['evaluated HBO for MBO', [{ level: 'HBO', status: 'EVALUATED' }], mbo, 1],
    ['recognised MBO for MBO', [{ level: 'MBO', status: 'RECOGNISED' }], mbo, 1],
    ['self-reported MBO: 0.6', [{ level: 'MBO', status: 'SELF_REPORTED' }], mbo, 0.6],
    ['evaluated secondary, one level below: 0.5', [{ level: 'SECONDARY', status: 'EVALUATED' }], mbo, 0.5],
    ['self-reported secondary: 0.6 × 0.5', [{ level: 'SECONDARY', status: 'SELF_REPORTED' }], mbo, 0.3],
    ['recognised primary, two levels below: 0', [{ level: 'PRIMARY', status: 'RECOGNISED' }], mbo, 0],
    ['a diploma without evidence: 0', [{ level: 'WO', status: 'NONE' }], mbo, 0],
    ['no diploma while one is required: 0', [], mbo, 0],
    ['the best of several counts', [{ level: 'MBO', status: 'SELF_REPORTED' }, { level: 'SECONDARY', status: 'EVALUATED' }], mbo, 0.6],
  ])('%s', (_name, diplomas, v, expected) => {
    expect(value(match({ diplomas }, v), 'diploma')).toBeCloseTo(expected, 12);
  });
});

describe('R10 distance: 0.25 ^ (km / 50)', () => {
  it.each([
    [0, 1],
    [12.5, Math.SQRT1_2], // 0.25 ^ (1/4) = 1/√2
    [25, 0.5],
    [50, 0.25],
    [100, 0.0625],
  ])('%d km → %d', (km, expected) => {
    const r = match({ maxTravelKm: 200 }, { location: north(ORIGIN, km) });
    expect(value(r, 'distance')).toBeCloseTo(expected, 12);
    expect(r.distanceKm).toBeCloseTo(km, 9);
  });

  it('explains with a Dutch decimal comma', () => {
    expect(match({}, { location: north(ORIGIN, 12.5) }).components[3].reason.nl).toBe('Woont 12,5 km van de werkplek; de waarde neemt af met de afstand (0,25 bij 50 km).');
  });
});

describe('R10/R14 labour demand: tension / (tension + 1), falling back 4 → 3 → 2 → 1 digits', () => {
  it.each<[string, string, number, string, string]>([
    ['4-digit figure', 'AM01', 0.75, 'voor ISCO 5120: 3 vacatures', 'for ISCO 5120: 3 vacancies'],
    ['falls back to the 3-digit group', 'AM02', 0.5, 'voor ISCO 512 (3-cijferige groep, want een fijner cijfer ontbreekt)', 'for ISCO 512 (3-digit group, as no finer figure exists)'],
    ['falls back to the 2-digit group', 'AM03', 0.2, 'ISCO 51 (2-cijferige groep', '0.25 vacancies per short-term unemployed'],
    ['falls back to the 1-digit group', 'AM04', 0, 'ISCO 5 (1-cijferige groep', '1-digit group'],
    ['no figure at all: neutral', 'AM99', 0.5, 'een ontbrekend cijfer telt neutraal (0,5)', 'a missing figure counts as neutral (0.5)'],
  ])('%s', (_name, regionCode, expected, nl, en) => {
    const r = match({}, { regionCode });
    expect(value(r, 'labourDemand')).toBe(expected);
    expect(r.components[4].reason.nl).toContain(nl);
    expect(r.components[4].reason.en).toContain(en);
  });
});

describe('R10 time to start', () => {
  // Asylum fixture, judged 2024-06-01: statutory lead 35 days, practical 63 days, wait over 2024-07-15.
  it.each<[string, Partial<CandidateProfile> | null, Partial<VacancyProfile>, number]>([
    ['status holder: at once', null, { startDate: '2024-06-01' }, 1],
    ['asylum seeker, start 44 days out: 0.5 + 0.5 × (44 − 35) / (63 − 35)', {}, { startDate: '2024-07-15', contractMonths: 6 }, 0.5 + (0.5 * 9) / 28],
    ['asylum seeker, start 70 days out (beyond 9 weeks): 1', {}, { startDate: '2024-08-10', contractMonths: 6 }, 1],
    ['open-ended contract, W-document covers 182 of 365 days: 0.5 + 0.5 × 182 / 365', { wDocumentExpiry: '2025-02-08' }, { startDate: '2024-08-10', contractMonths: null }, 0.5 + (0.5 * 182) / 365],
    ['may not work by the start: 0', {}, { startDate: '2024-07-14', contractMonths: 6 }, 0],
  ])('%s', (_name, who, v, expected) => {
    const cand = who === null ? candidate() : asylumSeeker(who);
    expect(value(match({}, v, cand), 'timeToStart')).toBeCloseTo(expected, 12);
  });
});

describe('R10 stability: .5 × contract + .3 × hours + .2 × relocation', () => {
  it.each<[string, Partial<CandidateProfile>, Partial<VacancyProfile>, number]>([
    ['open-ended, 36 h, not in reception', {}, {}, 1],
    ['12 months, exactly 8 hours: full', {}, { contractMonths: 12, hoursPerWeek: 8 }, 1],
    ['6 months, 4 hours, in reception: .5 × .5 + .3 × .5 + .2 × .5', { livesInReception: true }, { contractMonths: 6, hoursPerWeek: 4 }, 0.5],
    ['3 months, 40 hours: .5 × .25 + .3 + .2', {}, { contractMonths: 3, hoursPerWeek: 40 }, 0.625],
  ])('%s', (_name, c, v, expected) => {
    expect(value(match(c, v), 'stability')).toBeCloseTo(expected, 12);
  });
});

describe('R9 gates: a failed gate makes the pair ineligible but keeps its score', () => {
  const asylum = (v: Partial<VacancyProfile>) => scoreJobMatch({ candidate: asylumSeeker(), vacancy: vacancy({ startDate: '2024-08-01', contractMonths: 6, ...v }), context });
  it.each<[string, () => ReturnType<typeof match>, string, boolean]>([
    ['R9.2 hours above availability', () => match({ hoursAvailable: 40 }, { hoursPerWeek: 41 }), 'R9.2', false],
    ['R9.2 hours exactly the availability', () => match({ hoursAvailable: 40 }, { hoursPerWeek: 40 }), 'R9.2', true],
    ['R9.3 regulated profession, evaluated but not recognised', () => match({ diplomas: [{ level: 'HBO', status: 'EVALUATED', regulatedProfession: 'BIG:verpleegkundige' }] }, { diplomaRequirement: { level: 'HBO', regulatedProfession: 'BIG:verpleegkundige' } }), 'R9.3', false],
    ['R9.3 regulated profession, recognised (case and spaces ignored)', () => match({ diplomas: [{ level: 'HBO', status: 'RECOGNISED', regulatedProfession: ' big:Verpleegkundige' }] }, { diplomaRequirement: { level: 'HBO', regulatedProfession: 'BIG:verpleegkundige' } }), 'R9.3', true],
    ['R9.3 recognised for another profession', () => match({ diplomas: [{ level: 'HBO', status: 'RECOGNISED', regulatedProfession: 'BIG:fysiotherapeut' }] }, { diplomaRequirement: { level: 'HBO', regulatedProfession: 'BIG:verpleegkundige' } }), 'R9.3', false],
    ['R9.4 exactly the maximum travel distance (25.0 km)', () => match({ maxTravelKm: 25 }, { location: north(ORIGIN, 25) }), 'R9.4', true],
    ['R9.4 25.01 km with a 25 km maximum', () => match({ maxTravelKm: 25 }, { location: north(ORIGIN, 25.01) }), 'R9.4', false],
    ['R9.1 asylum seeker, employer will apply for the permit', () => asylum({}), 'R9.1', true],
    ['R9.1 asylum seeker, employer will not apply for the permit', () => asylum({ workPermitWillingness: false }), 'R9.1', false],
    ['R9.1 asylum seeker, pay below the minimum wage (R1.6)', () => asylum({ monthlyWage: 1000, hoursPerWeek: 36 }), 'R9.1', false],
    ['R9.1 asylum seeker, start before the wait is over (R1.2)', () => asylum({ startDate: '2024-07-14' }), 'R9.1', false],
    ['R9.1 status holder, employer unwilling to apply for a permit: irrelevant', () => match({}, { workPermitWillingness: false }), 'R9.1', true],
  ])('%s', (_name, run, rule, passed) => {
    const r = run();
    expect(check(r, rule)?.passed).toBe(passed);
    expect(r.eligible).toBe(passed);
    expect(r.score).toBeGreaterThan(0);
    expect(r.components).toHaveLength(7);
  });

  it('R9.1 names the failing R1 rules and the earliest start', () => {
    const r = scoreJobMatch({ candidate: asylumSeeker(), vacancy: vacancy({ startDate: '2024-07-14', contractMonths: 6, workPermitWillingness: false }), context });
    expect(check(r, 'R9.1')?.reason).toEqual({
      nl: 'Mag niet werken op de startdatum 14 juli 2024: niet voldaan aan R1.2, R1.5; vroegst vanaf 15 juli 2024.',
      en: 'May not work on the start date 14 July 2024: R1.2, R1.5 not met; earliest from 15 July 2024.',
    });
    expect(r.earliestStart).toBe('2024-07-15');
    expect(r.checks.filter((c) => !c.passed).map((c) => c.rule)).toEqual(['R9.1', 'R1.2', 'R1.5']);
  });

  it('every component and check has a Dutch and an English sentence', () => {
    const r = scoreJobMatch({ candidate: asylumSeeker({ wDocumentExpiry: '2025-03-01' }), vacancy: vacancy({ startDate: '2024-09-01', monthlyWage: 2500, diplomaRequirement: { level: 'MBO', regulatedProfession: 'x' } }), context });
    for (const x of [...r.components, ...r.checks]) {
      expect(x.reason.nl.length).toBeGreaterThan(10);
      expect(x.reason.en.length).toBeGreaterThan(10);
      expect(x.reason.nl).not.toBe(x.reason.en);
    }
  });
});

describe('the fast path', () => {
  it('gives exactly the score and eligibility of scoreJobMatch', () => {
    const ctx = prepareJobContext(context);
    const cases: [CandidateProfile, VacancyProfile][] = [
      [candidate({ skills: ['e1'], dutchLevel: 'A2' }), vacancy({ essentialSkills: ['e1', 'e2'], optionalSkills: ['o1'], languageCoaching: true, regionCode: 'AM01' })],
      [asylumSeeker(), vacancy({ startDate: '2024-07-20', contractMonths: 7, location: north(ORIGIN, 70) })],
      [asylumSeeker({ occupations: [{ escoId: 'occ-cook', iscoCode: '5120', years: 3 }] }), vacancy({ escoOccupationId: 'occ-cook', contractMonths: null, hoursPerWeek: 6 })],
    ];
    for (const [c, v] of cases) {
      const full = scoreJobMatch({ candidate: c, vacancy: v, context: ctx });
      const fast = scorePrepared(prepareCandidate(c, ctx), prepareVacancy(v, ctx), ctx);
      expect(fast.score).toBe(full.score);
      expect(fast.eligible).toBe(full.eligible);
    }
  });

  it('reuses an out object and reports which gates failed', () => {
    const ctx = prepareJobContext(context);
    const out = { eligible: true, score: -1, failedGates: 0 };
    const same = scorePrepared(prepareCandidate(candidate({ hoursAvailable: 10, maxTravelKm: 1 }), ctx), prepareVacancy(vacancy({ location: north(ORIGIN, 5) }), ctx), ctx, out);
    expect(same).toBe(out);
    expect(out.eligible).toBe(false);
    expect(out.failedGates).toBe(2 | 8); // R9.2 hours and R9.4 distance
  });

  it('refuses profiles prepared with another context', () => {
    const a = prepareJobContext({ ...context });
    const b = prepareJobContext({ ...context });
    expect(() => scorePrepared(prepareCandidate(candidate(), a), prepareVacancy(vacancy(), b), a)).toThrow('same prepareJobContext');
    expect(() => explainPrepared(prepareCandidate(candidate(), a), prepareVacancy(vacancy(), a), b)).toThrow('same prepareJobContext');
  });

  it('caches the prepared context per context object and returns a prepared one as is', () => {
    const a = prepareJobContext(context);
    expect(prepareJobContext(context)).toBe(a);
    expect(prepareJobContext(a)).toBe(a);
    const bare = prepareJobContext({ policy: DEFAULT_POLICY, onDate: '2024-06-01' });
    expect(bare.labourDemand).toBeNull();
  });
});

describe('bad input is refused with the field named', () => {
  it.each<[string, Partial<CandidateProfile>, Partial<VacancyProfile>, string]>([
    ['a bad birth date', { birthDate: '1990-02-30' }, {}, 'candidate(cand-1).birthDate: not an ISO date'],
    ['negative hours', { hoursAvailable: -1 }, {}, 'candidate(cand-1).hoursAvailable: must be a finite number >= 0'],
    ['negative years', { occupations: [{ iscoCode: '5120', years: -2 }] }, {}, 'candidate(cand-1).occupations[0].years'],
    ['a latitude out of range', { location: { lat: 95, lon: 5 } }, {}, 'candidate(cand-1).location'],
    ['an unknown CEFR level', { dutchLevel: 'B3' as never }, {}, 'not a CEFR level: B3'],
    ['an unknown diploma status', { diplomas: [{ level: 'MBO', status: 'MAYBE' as never }] }, {}, 'candidate(cand-1).diplomas[0].status'],
    ['a bad start date', {}, { startDate: '01-09-2024' }, 'vacancy(vac-1).startDate: not an ISO date'],
    ['a negative wage', {}, { monthlyWage: -5 }, 'vacancy(vac-1).monthlyWage'],
    ['a negative contract', {}, { contractMonths: -1 }, 'vacancy(vac-1).contractMonths'],
  ])('%s', (_name, c, v, message) => {
    expect(() => match(c, v)).toThrow(message);
  });

  it('refuses an onDate that is not a date', () => {
    expect(() => scoreJobMatch({ candidate: candidate(), vacancy: vacancy(), context: { ...context, onDate: 'today' } })).toThrow('context.onDate: not an ISO date');
  });
});
