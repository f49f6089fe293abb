import { ORIGIN, asylumSeeker, candidate, household, municipality, north, tie, vacancy } from '../test/fixtures';
import {
  DEFAULT_POLICY,
  InMemoryLabourDemand,
  InMemoryOccupationCatalogue,
  checkRelinking,
  checkRightToWork,
  prepareCandidate,
  prepareJobContext,
  prepareVacancy,
  scoreJobMatch,
  scoreMunicipalityLink,
  scorePrepared,
} from './index';
import type { CandidateProfile } from './index';

// R17: nationality, country of origin, ethnicity, religion, mother tongue and gender are never
// scoring inputs. The input types have no such fields; here monitoring attributes (kept only for
// fairness reporting, api.md) are attached in two ways the scoring code could conceivably read:
// spread into the profile object itself, and held beside it in a WeakMap. Every score and every
// reason must be identical to those of the bare profile.

interface Monitoring {
  nationality: string;
  countryOfOrigin: string;
  ethnicity: string;
  religion: string;
  motherTongue: string;
  gender: string;
}
const GROUPS: Monitoring[] = [
  { nationality: 'SY', countryOfOrigin: 'Syria', ethnicity: 'Arab', religion: 'Islam', motherTongue: 'ar', gender: 'F' },
  { nationality: 'ER', countryOfOrigin: 'Eritrea', ethnicity: 'Tigrinya', religion: 'Christianity', motherTongue: 'ti', gender: 'M' },
  { nationality: 'UA', countryOfOrigin: 'Ukraine', ethnicity: 'Ukrainian', religion: 'none', motherTongue: 'uk', gender: 'X' },
];
const monitoring = new WeakMap<object, Monitoring>();

function withMonitoring(base: CandidateProfile, m: Monitoring): CandidateProfile {
  const extended = { ...base, ...m }; // not a CandidateProfile literal: the extra fields ride along at run time
  monitoring.set(extended, m);
  return extended;
}

const catalogue = new InMemoryOccupationCatalogue({ cook: { iscoCode: '5120', essentialSkills: ['a', 'b'], optionalSkills: ['c'] } });
const labourDemand = new InMemoryLabourDemand([{ regionCode: 'AM14', iscoGroup: '5120', tension: 2 }]);
const context = { policy: DEFAULT_POLICY, onDate: '2024-06-01', catalogue, labourDemand };

const profiles: CandidateProfile[] = [
  candidate({ dutchLevel: 'A2', skills: ['a'], occupations: [{ escoId: 'cook', iscoCode: '5120', years: 3 }], ties: [tie({ location: north(ORIGIN, 30) })] }),
  asylumSeeker({ englishLevel: 'B2', diplomas: [{ level: 'HBO', status: 'EVALUATED', iscoCode: '5120' }], preferences: { regionCodes: ['AM14'] } }),
];

describe('R17 fairness: monitoring attributes never change a score or a reason', () => {
  const v = vacancy({ essentialSkills: ['a', 'b'], optionalSkills: ['c'], minDutchLevel: 'B1', languageCoaching: true, startDate: '2024-08-15', contractMonths: 12, monthlyWage: 2500, location: north(ORIGIN, 20) });

  it.each(profiles.map((p, i) => [i, p] as const))('profile %i: job match, fast path, right to work, link and re-linking are identical for every group', (_i, base) => {
    const ctx = prepareJobContext(context);
    const pv = prepareVacancy(v, ctx);
    const results = (c: CandidateProfile) => ({
      job: scoreJobMatch({ candidate: c, vacancy: v, context }),
      fast: scorePrepared(prepareCandidate(c, ctx), pv, ctx),
      work: checkRightToWork({ candidate: c, onDate: '2024-06-01', vacancyStart: '2024-08-15', contractEnd: '2025-08-14', policy: DEFAULT_POLICY }),
      link: scoreMunicipalityLink({
        household: household([c, candidate({ id: 'partner' })]),
        municipality: municipality(),
        context: { policy: DEFAULT_POLICY, onDate: '2024-06-01', capacityLeft: 4, labourDemand, reachable: { adults: [{ candidateId: c.id, eligibleVacancies: 12, meanBestScore: 0.7 }] } },
      }),
      relink: checkRelinking({
        candidate: c,
        job: { iscoCode: '5120', regionCode: 'AM01', signedContract: true, contractMonths: 12, monthlyWage: 2300, payslip: true },
        onDate: '2024-06-01',
        policy: DEFAULT_POLICY,
        housingOffered: false,
        integrationStarted: false,
        currentRegionCode: 'AM14',
        comparableJobInCurrentRegion: false,
      }),
    });
    const bare = results(base);
    for (const g of GROUPS) {
      const tagged = withMonitoring(base, g);
      expect((tagged as unknown as Monitoring).nationality).toBe(g.nationality); // the attributes really are there
      expect(monitoring.get(tagged)).toBe(g);
      expect(results(tagged)).toEqual(bare);
    }
  });

  it('the input types have no field for any protected trait', () => {
    const base = candidate();
    // @ts-expect-error nationality is not a CandidateProfile field (R17)
    const a: CandidateProfile = { ...base, nationality: 'SY' };
    // @ts-expect-error gender is not a CandidateProfile field (R17)
    const b: CandidateProfile = { ...base, gender: 'F' };
    // @ts-expect-error mother tongue is not a CandidateProfile field (R17)
    const c: CandidateProfile = { ...base, motherTongue: 'ar' };
    expect([a, b, c].map((x) => scoreJobMatch({ candidate: x, vacancy: vacancy(), context }).score)).toEqual(Array(3).fill(scoreJobMatch({ candidate: base, vacancy: vacancy(), context }).score));
  });
});
