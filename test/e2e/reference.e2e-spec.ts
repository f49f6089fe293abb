import { Role } from '../../apps/api/src/common/auth/role';
import { startTestApp, TestApp } from '../helpers/test-app';

/** The foundation's public reference API over HTTP, as a new user would call it (issue 2). */
describe('reference data over GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers Amsterdam with its province, labour-market region and centroid', async () => {
    const res = await t.gql<{ municipality: Record<string, unknown> & { centroid: { lat: number; lon: number }; labourMarketRegion: { name: string; code: string } } }>(
      `{ municipality(code: "GM0363") { code name province provinceCode population labourMarketRegion { code name } centroid { lat lon } } }`,
    );
    expect(res.errors).toBeUndefined();
    const m = res.data!.municipality;
    expect(m).toMatchObject({ code: 'GM0363', name: 'Amsterdam', province: 'Noord-Holland', provinceCode: 'PV27' });
    expect(m.labourMarketRegion.name).toBe('Groot Amsterdam');
    expect(m.centroid.lat).toBeCloseTo(52.37, 1);
    expect(m.centroid.lon).toBeCloseTo(4.9, 1);
  });

  it('answers null, not an error, for an unknown but well-formed code', async () => {
    const res = await t.gql(`{ municipality(code: "GM9999") { name } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ municipality: null });
  });

  it('refuses a malformed code with BAD_USER_INPUT naming the argument', async () => {
    const res = await t.gql(`{ municipality(code: "Amsterdam") { name } }`);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'code', rule: 'matches' })]);
    expect(JSON.stringify(res.errors)).not.toMatch(/stack|at \w+ \(|SELECT/i);
  });

  it('pages all 342 municipalities and caps take at 100', async () => {
    const first = await t.gql<{ municipalities: { total: number; items: { code: string }[] } }>(
      `{ municipalities(take: 100) { total items { code } } }`,
    );
    expect(first.data!.municipalities.total).toBe(342);
    expect(first.data!.municipalities.items).toHaveLength(100);
    const last = await t.gql<{ municipalities: { total: number; items: { code: string }[] } }>(
      `{ municipalities(skip: 300, take: 100) { total items { code } } }`,
    );
    expect(last.data!.municipalities.items).toHaveLength(42);
    const codes = new Set([...first.data!.municipalities.items, ...last.data!.municipalities.items].map((i) => i.code));
    expect(codes.size).toBe(142);

    const tooMany = await t.gql(`{ municipalities(take: 1000) { total } }`);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'take', rule: 'max' })]);
    const negative = await t.gql(`{ municipalities(skip: -1) { total } }`);
    expect(negative.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'skip', rule: 'min' })]);
  });

  it('filters by province code or name (accents ignored), region and name prefix', async () => {
    const q = `query($f: MunicipalityFilter) { municipalities(filter: $f, take: 100) { total items { name provinceCode labourMarketRegion { code } } } }`;
    type R = { municipalities: { total: number; items: { name: string; provinceCode: string; labourMarketRegion: { code: string } }[] } };
    const byName = await t.gql<R>(q, { f: { province: 'Noord-Holland' } });
    const byCode = await t.gql<R>(q, { f: { province: 'PV27' } });
    expect(byName.data!.municipalities.total).toBe(44);
    expect(byCode.data!.municipalities.total).toBe(44);
    expect(byName.data!.municipalities.items.every((m) => m.provinceCode === 'PV27')).toBe(true);
    const friesland = await t.gql<R>(q, { f: { province: 'fryslan' } });
    expect(friesland.data!.municipalities.total).toBe(18);

    const region = await t.gql<R>(q, { f: { labourMarketRegionCode: 'AM18' } });
    expect(region.data!.municipalities.total).toBeGreaterThan(0);
    expect(region.data!.municipalities.items.every((m) => m.labourMarketRegion.code === 'AM18')).toBe(true);

    const prefix = await t.gql<R>(q, { f: { namePrefix: 'sudwest' } });
    expect(prefix.data!.municipalities.items.map((m) => m.name)).toEqual(['Súdwest-Fryslân']);
    const hague = await t.gql<R>(q, { f: { namePrefix: "'s-Grav" } });
    expect(hague.data!.municipalities.items.map((m) => m.name)).toEqual(["'s-Gravenhage"]);

    const unknown = await t.gql(q, { f: { province: 'Atlantis' } });
    expect(unknown.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'filter.province' })]);
    const badRegion = await t.gql(q, { f: { labourMarketRegionCode: 'Amsterdam' } });
    expect(badRegion.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'filter.labourMarketRegionCode', rule: 'matches' })]);
  });

  it('lists the 35 labour-market regions, which together hold every municipality once', async () => {
    const res = await t.gql<{ labourMarketRegions: { code: string; municipalityCount: number; municipalities: { code: string }[] }[] }>(
      `{ labourMarketRegions { code name municipalityCount municipalities { code name } } }`,
    );
    const regions = res.data!.labourMarketRegions;
    expect(regions).toHaveLength(35);
    const all = regions.flatMap((r) => r.municipalities.map((m) => m.code));
    expect(all).toHaveLength(342);
    expect(new Set(all).size).toBe(342);
    for (const r of regions) expect(r.municipalities).toHaveLength(r.municipalityCount);
  });

  describe('occupation search', () => {
    type O = { occupations: { id: string; labelNl: string; labelEn: string; iscoCode: string; altLabelsNl: string[] }[] };
    const search = (s: string, take = 20) =>
      t.gql<O>(`query($s: String!, $n: Int) { occupations(search: $s, take: $n) { id labelNl labelEn iscoCode altLabelsNl } }`, { s, n: take });

    it.each(['kok', 'Kok', 'KOK', 'cook'])('"%s" finds cooks (ISCO 512x) first', async (s) => {
      const res = await search(s);
      expect(res.errors).toBeUndefined();
      const top = res.data!.occupations[0];
      expect(top.iscoCode).toMatch(/^512/);
      expect([top.labelNl, top.labelEn]).toContain(s.toLowerCase());
    });

    it('ignores accents', async () => {
      const a = await search('pâtissier');
      const b = await search('patissier');
      expect(a.data!.occupations.length).toBeGreaterThan(0);
      expect(a.data!.occupations.map((o) => o.id)).toEqual(b.data!.occupations.map((o) => o.id));
    });

    it('finds by ISCO code', async () => {
      const res = await search('5120', 50);
      expect(res.data!.occupations.length).toBeGreaterThan(3);
      expect(res.data!.occupations.every((o) => o.iscoCode === '5120')).toBe(true);
    });

    it('ranks exact and prefix matches before substring matches', async () => {
      const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      // An independent ranking: 0 exact, 1 prefix, 2 word prefix, 3 substring, over all labels.
      const rank = (o: O['occupations'][number], q: string) =>
        Math.min(
          ...[o.labelNl, o.labelEn, ...o.altLabelsNl, o.iscoCode].map(fold).map((term) =>
            term === q ? 0 : term.startsWith(q) ? 1 : term.includes(` ${q}`) ? 2 : term.includes(q) ? 3 : 9,
          ),
        );
      for (const q of ['kok', 'lasser', 'verpleeg']) {
        const ranks = (await search(q, 100)).data!.occupations.map((o) => rank(o, q));
        expect(ranks.length).toBeGreaterThan(0);
        expect(ranks.every((r) => r < 9)).toBe(true);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }
    });

    it('refuses an empty or punctuation-only search and a take over 100', async () => {
      expect((await search('')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await search('!!!')).errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'search' })]);
      expect((await search('kok', 101)).errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'take', rule: 'max' })]);
    });
  });

  it('finds skills by English label', async () => {
    const res = await t.gql<{ skills: { labelEn: string; type: string }[] }>(`{ skills(search: "Python", take: 5) { id labelEn type } }`);
    expect(res.data!.skills[0].labelEn.toLowerCase()).toMatch(/^python\b/);
  });

  it('resolves a postcode to its centroid and municipality', async () => {
    const res = await t.gql<{ postcode: { pc4: string; centroid: { lat: number }; municipality: { code: string } } }>(
      `{ postcode(pc4: "1011") { pc4 centroid { lat lon } municipality { code name } } }`,
    );
    expect(res.data!.postcode.municipality.code).toBe('GM0363');
    expect(res.data!.postcode.centroid.lat).toBeCloseTo(52.37, 1);
    expect((await t.gql(`{ postcode(pc4: "1000") { pc4 } }`)).data).toEqual({ postcode: null });
    expect((await t.gql(`{ postcode(pc4: "10") { pc4 } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('tells what it is: version, attribution and row counts', async () => {
    const res = await t.gql<{ about: { version: string; policyVersion: string; dataAttribution: string; counts: Record<string, number> } }>(
      `{ about { name version policyVersion dataAttribution counts { municipalities provinces labourMarketRegions postcodeAreas iscoGroups occupations skills occupationSkillRelations } } }`,
    );
    expect(res.data!.about.dataAttribution).toContain('CBS, PDOK (CC BY 4.0)');
    expect(res.data!.about.policyVersion).toMatch(/^nl-\d{4}-\d{2}@[0-9a-f]{12}$/);
    expect(res.data!.about.dataAttribution).toContain('ESCO');
    expect(res.data!.about.counts).toEqual({
      municipalities: 342,
      provinces: 12,
      labourMarketRegions: 35,
      postcodeAreas: 4067,
      iscoGroups: 619,
      occupations: 3007,
      skills: 13896,
      occupationSkillRelations: 123855,
    });
  });

  describe('R11 housing task', () => {
    const period = '2031-H1'; // a period no other test sets

    it('needs an admin to set the national total', async () => {
      const mutation = `mutation { setHousingNationalTotal(period: "${period}", total: 20000) { period total } }`;
      expect((await t.gql(mutation)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(mutation, {}, await t.key(Role.ADVISER))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const ok = await t.gql(mutation, {}, await t.key(Role.ADMIN));
      expect(ok.data).toEqual({ setHousingNationalTotal: { period, total: 20000 } });
    });

    it('follows ceil(national total × population ÷ national population) and sums to at least the total', async () => {
      await t.gql(`mutation { setHousingNationalTotal(period: "${period}", total: 20000) { total } }`, {}, await t.key(Role.ADMIN));
      const pages = await Promise.all(
        [0, 100, 200, 300].map((skip) =>
          t.gql<{ municipalities: { items: { code: string; population: number; housingTask: number }[] } }>(
            `{ municipalities(skip: ${skip}, take: 100) { items { code population housingTask(period: "${period}") } } }`,
          ),
        ),
      );
      const all = pages.flatMap((p) => p.data!.municipalities.items);
      expect(all).toHaveLength(342);
      // Amsterdam by hand: 20,000 × 941,927 / 18,130,208 = 1,039.07 → 1,040.
      expect(all.find((m) => m.code === 'GM0363')!.housingTask).toBe(1040);
      const national = all.reduce((s, m) => s + m.population, 0);
      expect(national).toBe(18130208);
      for (const m of all) {
        expect(m.housingTask).toBeGreaterThanOrEqual((20000 * m.population) / national);
        expect(m.housingTask).toBeLessThan((20000 * m.population) / national + 1);
      }
      expect(all.reduce((s, m) => s + m.housingTask, 0)).toBeGreaterThanOrEqual(20000);
    });

    it('answers null for a period without a national total, and refuses a malformed period', async () => {
      const unknown = await t.gql(`{ municipality(code: "GM0363") { housingTask(period: "2099-H1") } }`);
      expect(unknown.data).toEqual({ municipality: { housingTask: null } });
      const bad = await t.gql(`{ municipality(code: "GM0363") { housingTask(period: "2026-H3") } }`);
      expect(bad.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'period' })]);
      const badSet = await t.gql(`mutation { setHousingNationalTotal(period: "2026", total: 0) { total } }`, {}, await t.key(Role.ADMIN));
      expect((badSet.errors?.[0].extensions?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['period', 'total']);
    });
  });
});
