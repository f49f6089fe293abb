import fc from 'fast-check';
import { north } from '../../test/fixtures';
import {
  CEFR_LEVELS,
  DEFAULT_POLICY,
  EDUCATION_LEVELS,
  InMemoryLabourDemand,
  InMemoryOccupationCatalogue,
  formatIsoDay,
  parseIsoDay,
  prepareCandidate,
  prepareJobContext,
  prepareVacancy,
  scoreJobMatch,
  scorePrepared,
} from '../index';
import type { CandidateProfile, Cefr, JobMatchContext, VacancyProfile } from '../index';

// Invariants of R9/R10 on random profiles. A small skill and occupation universe makes overlaps common.
const SKILLS = Array.from({ length: 20 }, (_, i) => `s${i}`);
const ISCO = ['5120', '5131', '2221', '2222', '9112', '4321', '7411'];
const catalogue = new InMemoryOccupationCatalogue({
  cook: { iscoCode: '5120', essentialSkills: ['s0', 's1', 's2', 's3'], optionalSkills: ['s4'] },
  nurse: { iscoCode: '2221', essentialSkills: ['s5', 's6', 's7'], optionalSkills: ['s8', 's9'] },
  cleaner: { iscoCode: '9112', essentialSkills: ['s10', 's11'], optionalSkills: [] },
});
const labourDemand = new InMemoryLabourDemand([
  { regionCode: 'AM01', iscoGroup: '5120', tension: 2.5 },
  { regionCode: 'AM01', iscoGroup: '22', tension: 0.4 },
  { regionCode: 'AM02', iscoGroup: '9', tension: 0.1 },
]);
const ON = parseIsoDay('2024-06-01');
const context: JobMatchContext = { policy: DEFAULT_POLICY, onDate: formatIsoDay(ON), catalogue, labourDemand };
const ctx = prepareJobContext(context);

const day = (offset: number) => formatIsoDay(ON + offset);
const cefr = fc.constantFrom<Cefr>(...CEFR_LEVELS);
const point = fc.record({ lat: fc.double({ min: 50.8, max: 53.5, noNaN: true }), lon: fc.double({ min: 3.4, max: 7.2, noNaN: true }) });
const skills = fc.subarray(SKILLS, { maxLength: 12 });

const candidateArb: fc.Arbitrary<CandidateProfile> = fc.record({
  id: fc.constant('c'),
  birthDate: fc.integer({ min: 10 * 365, max: 70 * 365 }).map((d) => day(-d)),
  legalStatus: fc.constantFrom('ASYLUM_SEEKER' as const, 'STATUS_HOLDER' as const, 'DISPLACED_UKRAINE' as const),
  applicationDate: fc.option(fc.integer({ min: -800, max: 0 }).map(day)),
  permitDate: fc.constant(null),
  wDocumentIssued: fc.option(fc.integer({ min: -400, max: 0 }).map(day)),
  wDocumentExpiry: fc.option(fc.integer({ min: -50, max: 800 }).map(day)),
  livesInReception: fc.boolean(),
  dublinOrReturnDecision: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
  location: point,
  dutchLevel: cefr,
  englishLevel: cefr,
  integrationRoute: fc.constantFrom('B1' as const, 'EDUCATION' as const, 'Z' as const, null),
  diplomas: fc.array(
    fc.record({
      level: fc.constantFrom(...EDUCATION_LEVELS),
      status: fc.constantFrom('NONE' as const, 'SELF_REPORTED' as const, 'EVALUATED' as const, 'RECOGNISED' as const),
      iscoCode: fc.option(fc.constantFrom(...ISCO)),
      regulatedProfession: fc.option(fc.constantFrom('BIG:nurse', 'BIG:doctor')),
    }),
    { maxLength: 2 },
  ),
  occupations: fc.array(
    fc.record({ escoId: fc.option(fc.constantFrom('cook', 'nurse', 'cleaner', 'unknown')), iscoCode: fc.constantFrom(...ISCO), years: fc.double({ min: 0, max: 20, noNaN: true }) }),
    { maxLength: 3 },
  ),
  skills,
  hoursAvailable: fc.integer({ min: 0, max: 40 }),
  maxTravelKm: fc.integer({ min: 1, max: 150 }),
  ties: fc.constant([]),
});

const vacancyArb: fc.Arbitrary<VacancyProfile> = fc.record({
  id: fc.constant('v'),
  iscoCode: fc.constantFrom(...ISCO),
  escoOccupationId: fc.option(fc.constantFrom('cook', 'nurse', 'unknown')),
  essentialSkills: fc.subarray(SKILLS, { maxLength: 8 }),
  optionalSkills: fc.subarray(SKILLS, { maxLength: 6 }),
  minDutchLevel: cefr,
  englishSuffices: fc.boolean(),
  minEnglishLevel: fc.option(cefr),
  diplomaRequirement: fc.option(fc.record({ level: fc.constantFrom(...EDUCATION_LEVELS), regulatedProfession: fc.option(fc.constantFrom('BIG:nurse', 'BIG:doctor'), { freq: 4 }) })),
  hoursPerWeek: fc.integer({ min: 0, max: 40 }),
  contractMonths: fc.option(fc.integer({ min: 0, max: 36 })),
  monthlyWage: fc.option(fc.integer({ min: 0, max: 4000 })),
  location: point,
  regionCode: fc.constantFrom('AM01', 'AM02', 'AM03'),
  startDate: fc.integer({ min: -30, max: 200 }).map(day),
  languageCoaching: fc.boolean(),
  jobCoach: fc.boolean(),
  workPermitWillingness: fc.boolean(),
  sector: fc.constant(null),
});

const score = (c: CandidateProfile, v: VacancyProfile) => scoreJobMatch({ candidate: c, vacancy: v, context: ctx });
const RUNS = { numRuns: 400 };

describe('R10 invariants on random profiles', () => {
  it('the score and every component value lie in [0, 1]; contributions are weight × value and sum to the score', () => {
    fc.assert(
      fc.property(candidateArb, vacancyArb, (c, v) => {
        const r = score(c, v);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        for (const x of r.components) {
          expect(x.value).toBeGreaterThanOrEqual(0);
          expect(x.value).toBeLessThanOrEqual(1);
          expect(x.contribution).toBe(x.weight * x.value);
        }
        expect(Math.abs(r.components.reduce((a, x) => a + x.contribution, 0) - r.score)).toBeLessThanOrEqual(1e-9);
      }),
      RUNS,
    );
  });

  it('R9: a failed gate always means not eligible, and eligible means every check passed', () => {
    fc.assert(
      fc.property(candidateArb, vacancyArb, (c, v) => {
        const r = score(c, v);
        expect(r.eligible).toBe(r.checks.every((x) => x.passed));
      }),
      RUNS,
    );
  });

  it('the fast path gives the identical score and eligibility', () => {
    fc.assert(
      fc.property(candidateArb, vacancyArb, (c, v) => {
        const r = score(c, v);
        const fast = scorePrepared(prepareCandidate(c, ctx), prepareVacancy(v, ctx), ctx);
        expect(fast.score).toBe(r.score);
        expect(fast.eligible).toBe(r.eligible);
      }),
      RUNS,
    );
  });

  it('R5: a higher Dutch level never lowers the score', () => {
    fc.assert(
      fc.property(candidateArb, vacancyArb, fc.integer({ min: 1, max: 6 }), (c, v, up) => {
        const higher = CEFR_LEVELS[Math.min(6, CEFR_LEVELS.indexOf(c.dutchLevel) + up)];
        const a = score(c, v);
        const b = score({ ...c, dutchLevel: higher }, v);
        expect(b.score).toBeGreaterThanOrEqual(a.score);
        expect(b.eligible).toBe(a.eligible);
      }),
      RUNS,
    );
  });

  it('R7: an extra matching skill never lowers the score', () => {
    fc.assert(
      fc.property(candidateArb, vacancyArb, fc.nat(), (c, v, pick) => {
        const wanted = [...v.essentialSkills, ...v.optionalSkills];
        fc.pre(wanted.length > 0);
        const extra = wanted[pick % wanted.length];
        expect(score({ ...c, skills: [...c.skills, extra] }, v).score).toBeGreaterThanOrEqual(score(c, v).score);
      }),
      RUNS,
    );
  });

  it('R10: a farther vacancy never scores higher, all else equal', () => {
    fc.assert(
      fc.property(candidateArb, vacancyArb, fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), (c, v, d1, d2) => {
        const [near, far] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const a = score(c, { ...v, location: north(c.location, near) });
        const b = score(c, { ...v, location: north(c.location, far) });
        expect(b.score).toBeLessThanOrEqual(a.score);
        if (b.eligible) expect(a.eligible).toBe(true);
      }),
      RUNS,
    );
  });

  const tighten: fc.Arbitrary<[string, (v: VacancyProfile) => VacancyProfile]> = fc.constantFrom<[string, (v: VacancyProfile) => VacancyProfile]>(
    ['higher Dutch requirement', (v) => ({ ...v, minDutchLevel: CEFR_LEVELS[Math.min(6, CEFR_LEVELS.indexOf(v.minDutchLevel) + 1)] })],
    ['English no longer suffices', (v) => ({ ...v, englishSuffices: false })],
    ['higher English requirement', (v) => ({ ...v, minEnglishLevel: CEFR_LEVELS[Math.min(6, CEFR_LEVELS.indexOf(v.minEnglishLevel ?? 'B1') + 1)] })],
    ['no language coaching', (v) => ({ ...v, languageCoaching: false })],
    [
      'higher diploma level',
      (v) => ({ ...v, diplomaRequirement: { ...v.diplomaRequirement, level: EDUCATION_LEVELS[Math.min(5, EDUCATION_LEVELS.indexOf(v.diplomaRequirement?.level ?? 'NONE') + 1)] } }),
    ],
    // Adding a regulated profession where there was none (replacing one by another is not stricter).
    ['a regulated profession', (v) => ({ ...v, diplomaRequirement: { level: v.diplomaRequirement?.level ?? 'NONE', regulatedProfession: v.diplomaRequirement?.regulatedProfession ?? 'BIG:doctor' } })],
    ['an extra essential skill nobody has', (v) => ({ ...v, essentialSkills: [...v.essentialSkills, 'rare-skill'] })],
  );

  it('a stricter requirement never raises the score nor makes an ineligible pair eligible', () => {
    fc.assert(
      fc.property(candidateArb, vacancyArb, tighten, (c, v, [, strict]) => {
        const a = score(c, v);
        const b = score(c, strict(v));
        expect(b.score).toBeLessThanOrEqual(a.score);
        if (b.eligible) expect(a.eligible).toBe(true);
      }),
      RUNS,
    );
  });
});
