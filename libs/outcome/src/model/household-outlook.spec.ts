import { InMemoryLabourDemand, type CandidateProfile, type MunicipalityProfile } from '@kansrijk/scoring';
import { compileOutcomeModel, fitOutcomeModel, generateHistory, predictOutcome, prepareHouseholdOutlook } from '..';
import { TEST_MUNICIPALITIES } from '../../test/fixtures';

describe('prepareHouseholdOutlook', () => {
  const h = generateHistory({ rows: 3_000, seed: 13, municipalities: TEST_MUNICIPALITIES });
  const model = compileOutcomeModel(fitOutcomeModel(h.records, { name: 'outlook', createdAt: 'x', dataHash: 'x', bootstrap: 0 }));
  const adult = (k: number, ties: CandidateProfile['ties']): CandidateProfile =>
    ({ ...h.records[k].profile, id: `a${k}`, livesInReception: false, dublinOrReturnDecision: false, location: { lat: 52, lon: 5 }, skills: [], maxTravelKm: 30, ties }) as CandidateProfile;
  const adults = [adult(0, []), adult(1, [{ kind: 'FAMILY', municipalityCode: 'GM0001', location: { lat: 52.1, lon: 5.1 } }])];
  adults[1].occupations = [{ iscoCode: '5120', years: 3 }];
  const demand = new InMemoryLabourDemand([{ regionCode: 'AM01', iscoGroup: '51', tension: 2.2 }]);
  const muns: MunicipalityProfile[] = [
    { code: 'GM0001', name: 'A', regionCode: 'AM01', provinceCode: 'PV1', centroid: { lat: 52.1, lon: 5.1 }, population: 50_000 },
    { code: 'GM0002', name: 'B', regionCode: 'AM02', provinceCode: 'PV1', centroid: { lat: 53, lon: 6 }, population: 300_000 },
  ];

  it('ranks with the same numbers it explains, and each adult as predictOutcome has them', () => {
    const o = prepareHouseholdOutlook({ model, adults, onDate: '2026-06-01', labourDemand: demand });
    for (const m of muns) {
      for (const reach of [[0, 0], [40, 900]]) {
        const explained = o.explain(m, reach);
        expect(o.share(m, reach)).toBeCloseTo(explained.share, 14);
        // Adult 0: no occupation figure, no tie. Adult 1 in GM0001: tension 2.2 (ISCO 51 in AM01), a tie in the municipality.
        const direct0 = predictOutcome(model, { profile: adults[0], onDate: '2026-06-01', location: { labourDemandTension: null, reachableVacancies: reach[0], nearestTieKm: null, population: m.population } });
        expect(explained.probabilities[0]).toBeCloseTo(direct0, 14);
        if (m.code === 'GM0001') {
          const direct1 = predictOutcome(model, { profile: adults[1], onDate: '2026-06-01', location: { labourDemandTension: 2.2, reachableVacancies: reach[1], nearestTieKm: 0, population: m.population } });
          expect(explained.probabilities[1]).toBeCloseTo(direct1, 14);
        }
      }
    }
  });
});
