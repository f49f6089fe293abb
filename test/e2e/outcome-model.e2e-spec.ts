import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fitOutcomeModel, generateHistory, type OutcomeModelFile } from '@kansrijk/outcome';
import { Role } from '../../apps/api/src/common/auth/role';
import { loadEnvironment } from '../../apps/api/src/config/environment';
import { AuditService } from '../../apps/api/src/modules/audit/audit.service';
import { OutcomeModelService } from '../../apps/api/src/modules/outcome/outcome-model.service';
import { RecordEvents } from '../../apps/api/src/modules/records/record-events';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The outcome model in the API (issue 18 items 4, 5): loaded by an admin (audited), named in
 * every answer that uses it, shown per municipality with its top contributions, weighed only
 * when the policy says so, reported in scenarios with a bootstrap interval; and without a
 * model nothing changes.
 */
const MUNIS = `query($h: ID!, $p: PolicyOverride, $lang: Language) {
  municipalitySuggestions(householdId: $h, take: 5, policy: $p, language: $lang) {
    policyVersion outcomeModelVersion
    items { municipalityCode score components { name value weight contribution reasonEn }
            expectedEmployment { modelVersion adults expected share contributions { term effect reason reasonNl reasonEn } } } } }`;
type Item = {
  municipalityCode: string;
  score: number;
  components: { name: string; value: number; weight: number; contribution: number; reasonEn: string }[];
  expectedEmployment: { modelVersion: string; adults: number; expected: number; share: number; contributions: { term: string; effect: number; reason: string; reasonNl: string; reasonEn: string }[] } | null;
};
type Munis = { municipalitySuggestions: { policyVersion: string; outcomeModelVersion: string | null; items: Item[] } };
const LOAD = `mutation($i: OutcomeModelInput!) { loadOutcomeModel(input: $i) { version name source synthetic trainingRows features auc proxyAudit { attribute flagged } groups { dimension group } } }`;
const SCENARIO = `mutation($i: ScenarioInput!) { runScenario(input: $i) { status error
  baseline { expectedEmployment { modelVersion adults expected low high replicates byGroup { dimension group adults expected low high } } }
  difference { expectedEmployment { expected low high } } } }`;

describe('outcome model in the API', () => {
  let t: TestApp;
  let admin: string;
  let adviser: string;
  let evaluator: string;
  let householdId: string;
  let memberIds: string[];
  let file: OutcomeModelFile;

  beforeAll(async () => {
    const municipalities = [8_000, 30_000, 120_000, 800_000].map((population, i) => ({ code: `GM${9000 + i}`, regionCode: 'AM01', population }));
    file = fitOutcomeModel(generateHistory({ rows: 3_000, seed: 8, municipalities }).records, { name: 'e2e-model', createdAt: '2026-01-01T00:00:00Z', dataHash: 'test', bootstrap: 20 });
    t = await startTestApp();
    admin = await t.key(Role.ADMIN);
    adviser = await t.key(Role.ADVISER);
    evaluator = await t.key(Role.EVALUATOR);
    const make = async (over: Record<string, unknown>) =>
      (await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ externalId: uniq('oc'), ...over }) }, admin)).data!.createCandidate.id;
    memberIds = [await make({ ties: [], monitoring: { gender: 'FEMALE', countryOfBirth: 'SY' } }), await make({ ties: [], birthDate: '1985-03-03', dutchLevel: 'NONE', monitoring: { gender: 'MALE', countryOfBirth: 'ER' } })];
    const h = await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { memberIds, size: 3 } }, admin);
    householdId = h.data!.createHousehold.id;
    const employer = await t.gql<{ createEmployer: { id: string } }>(`mutation($i: EmployerInput!) { createEmployer(input: $i) { id } }`, { i: { name: 'Outcome BV', externalId: uniq('emp') } }, admin);
    for (const pc of ['1012', '3011', '5611']) await t.gql(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employer.data!.createEmployer.id, { location: { postcode: pc } }) }, admin);
   }, 120_000); // a fit and an app boot: slow when the machine is shared
  afterAll(async () => {
    await t.gql(`mutation { unloadOutcomeModel }`, {}, admin);
    await t.close();
  });

  const suggestions = async (policy?: Record<string, unknown>, lang = 'EN') => {
    const res = await t.gql<Munis>(MUNIS, { h: householdId, p: policy, lang }, adviser);
    expect(res.errors).toBeUndefined();
    return res.data!.municipalitySuggestions;
  };

  it('without a model: no model named, no expectation, no expectedEmployment component', async () => {
    const none = await t.gql<{ outcomeModel: unknown }>(`{ outcomeModel { version } }`, {}, adviser);
    expect(none.data!.outcomeModel).toBeNull();
    const r = await suggestions();
    expect(r.outcomeModelVersion).toBeNull();
    expect(r.items.length).toBeGreaterThan(0);
    for (const i of r.items) {
      expect(i.expectedEmployment).toBeNull();
      expect(i.components.map((c) => c.name)).not.toContain('expectedEmployment');
    }
  });

  it('refuses a bad or tampered model file with BAD_USER_INPUT naming the field, and loads nothing', async () => {
    const bad = await t.gql(LOAD, { i: { model: '{"format":"x"}' } }, admin);
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'input.model.format' })]);
    const sneaky = JSON.parse(JSON.stringify(file));
    sneaky.terms[1].name = 'nationality';
    const r17 = await t.gql(LOAD, { i: { model: JSON.stringify(sneaky) } }, admin);
    expect(r17.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'input.model.terms[1]', rule: 'R17' })]);
    expect((await t.gql<{ outcomeModel: unknown }>(`{ outcomeModel { version } }`, {}, admin)).data!.outcomeModel).toBeNull();
  });

  it('loads a model (ADMIN, audited), names it in every answer that uses it and shows each municipality\'s expected adults in work (R16), the score unchanged at weight 0', async () => {
    const before = await suggestions();
    const loaded = await t.gql<{ loadOutcomeModel: { version: string; source: string; synthetic: boolean; features: string[]; proxyAudit: { attribute: string }[] } }>(LOAD, { i: { model: JSON.stringify(file) } }, admin);
    expect(loaded.errors).toBeUndefined();
    expect(loaded.data!.loadOutcomeModel).toMatchObject({ version: file.version, source: 'admin', synthetic: true });
    expect(loaded.data!.loadOutcomeModel.proxyAudit.map((a) => a.attribute)).toEqual(['gender', 'countryOfBirth', 'nationality']);
    const [audit] = await t.dataSource.query(`SELECT actor_role, details FROM audit_event WHERE action = 'outcome-model.loaded' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ actor_role: 'ADMIN', details: { version: file.version, synthetic: true } });

    const after = await suggestions();
    expect(after.outcomeModelVersion).toBe(file.version);
    expect(after.items.map((i) => [i.municipalityCode, i.score])).toEqual(before.items.map((i) => [i.municipalityCode, i.score]));
    for (const i of after.items) {
      const e = i.expectedEmployment!;
      expect(e).toMatchObject({ modelVersion: file.version, adults: 2 }); // both adults, not the most employable one
      expect(e.expected).toBeGreaterThan(0);
      expect(e.expected).toBeLessThan(2);
      expect(e.share).toBeCloseTo(e.expected / 2, 12);
      expect(e.contributions).toHaveLength(3);
      for (const c of e.contributions) {
        expect(c.reason).toBe(c.reasonEn);
        expect(c.reasonEn).toMatch(/adults in work against an average adult/);
        expect(c.reasonNl).toMatch(/volwassenen aan het werk/);
      }
      const comp = i.components.find((c) => c.name === 'expectedEmployment')!;
      expect(comp).toMatchObject({ weight: 0, contribution: 0 });
      expect(comp.value).toBeCloseTo(e.share, 12);
      expect(comp.reasonEn).toContain(file.version);
    }
    const nl = await suggestions(undefined, 'NL');
    expect(nl.items[0].expectedEmployment!.contributions[0].reason).toBe(nl.items[0].expectedEmployment!.contributions[0].reasonNl);
  });

  it('weighs the expectation only when the policy gives it a weight; components still sum to the score', async () => {
    const weighted = await suggestions({ linkWeights: { expectedEmployment: 0.5 } });
    expect(weighted.outcomeModelVersion).toBe(file.version);
    for (const i of weighted.items) {
      const c = i.components.find((x) => x.name === 'expectedEmployment')!;
      expect(c.weight).toBe(0.5);
      expect(c.contribution).toBeCloseTo(0.5 * i.expectedEmployment!.share, 12);
      expect(i.components.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(i.score, 10);
    }
    const scores = weighted.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('R17: changing a member\'s monitoring attributes changes no expectation', async () => {
    const before = await suggestions();
    const upd = await t.gql(`mutation($id: ID!, $i: CandidateUpdateInput!) { updateCandidate(id: $id, input: $i) { id } }`, { id: memberIds[1], i: { monitoring: { gender: 'FEMALE', countryOfBirth: 'NL', nationality: 'NL' } } }, admin);
    expect(upd.errors).toBeUndefined();
    const after = await suggestions();
    expect(after.items.map((i) => i.expectedEmployment)).toEqual(before.items.map((i) => i.expectedEmployment));
  });

  it('reports expected employed adults in a scenario with a bootstrap interval, by group, and a paired difference', async () => {
    const res = await t.gql<{ runScenario: { status: string; baseline: { expectedEmployment: { modelVersion: string; adults: number; expected: number; low: number; high: number; replicates: number; byGroup: { dimension: string; expected: number }[] } }; difference: { expectedEmployment: { expected: number; low: number; high: number } } } }>(
      SCENARIO,
      { i: { name: uniq('outcome'), cohort: { householdIds: [householdId] }, policy: { name: 'same' }, wait: true } },
      evaluator,
    );
    expect(res.errors).toBeUndefined();
    const s = res.data!.runScenario;
    expect(s.status).toBe('DONE');
    const e = s.baseline.expectedEmployment;
    expect(e).toMatchObject({ modelVersion: file.version, adults: 2, replicates: 20 });
    expect(e.low).toBeLessThanOrEqual(e.expected);
    expect(e.high).toBeGreaterThanOrEqual(e.expected);
    expect(e.byGroup.filter((g) => g.dimension === 'ageBand').reduce((x, g) => x + g.expected, 0)).toBeCloseTo(e.expected, 10);
    expect(s.difference.expectedEmployment).toEqual({ expected: 0, low: 0, high: 0 }); // the same plan twice
  }, 120_000);

  it('loads the file in OUTCOME_MODEL_PATH at boot, and refuses to boot on a file that fails its checks, naming the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansrijk-outcome-'));
    const good = join(dir, 'model.json');
    writeFileSync(good, JSON.stringify(file));
    const booted = await startTestApp({ OUTCOME_MODEL_PATH: good });
    try {
      const info = await booted.gql<{ outcomeModel: { version: string; source: string } }>(`{ outcomeModel { version source } }`, {}, await booted.key(Role.EVALUATOR));
      expect(info.data!.outcomeModel).toEqual({ version: file.version, source: 'file' });
    } finally {
      await booted.close();
    }
    // A file that fails its checks stops the boot: the service's boot step on this app's database.
    const bootWith = (path: string) =>
      new OutcomeModelService(t.dataSource, loadEnvironment({ OUTCOME_MODEL_PATH: path }), t.app.get(AuditService), t.app.get(RecordEvents)).onApplicationBootstrap();
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...file, intercept: file.intercept + 1 }));
    await expect(bootWith(tampered)).rejects.toThrow(/OUTCOME_MODEL_PATH=.*tampered\.json.*model\.version: does not match/);
    await expect(bootWith(join(dir, 'missing.json'))).rejects.toThrow(/OUTCOME_MODEL_PATH=.*cannot read the file/);
  }, 60_000);

  it('unloads the model (audited): answers are again what they were without one', async () => {
    const off = await t.gql<{ unloadOutcomeModel: boolean }>(`mutation { unloadOutcomeModel }`, {}, admin);
    expect(off.data!.unloadOutcomeModel).toBe(true);
    const r = await suggestions();
    expect(r.outcomeModelVersion).toBeNull();
    expect(r.items.every((i) => i.expectedEmployment === null && !i.components.some((c) => c.name === 'expectedEmployment'))).toBe(true);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'outcome-model.unloaded' ORDER BY id DESC LIMIT 1`);
    expect(audit.details.version).toBe(file.version);
  });
});
