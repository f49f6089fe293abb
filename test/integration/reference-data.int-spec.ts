import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { loadReferenceData, REFERENCE_DATASETS } from '../../apps/api/src/modules/reference/reference-data.loader';
import { testDatabaseUrl } from '../helpers/test-database';

describe('reference data loading', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions({ url: testDatabaseUrl(), poolMax: 1 }));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  const count = async (table: string) => Number((await ds.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('holds every shipped row', async () => {
    expect(await count('municipality')).toBe(342);
    expect(await count('province')).toBe(12);
    expect(await count('labour_market_region')).toBe(35);
    expect(await count('postcode_area')).toBe(4067);
    expect(await count('isco_group')).toBe(619);
    expect(await count('occupation')).toBe(3007);
    expect(await count('skill')).toBe(13896);
    expect(await count('occupation_skill')).toBe(123855);
  });

  it('keeps labels, alternative labels and coordinates intact', async () => {
    const [cook] = await ds.query(`SELECT label_nl, label_en, isco_code, alt_labels_nl FROM occupation WHERE label_en = 'cook'`);
    expect(cook).toMatchObject({ label_nl: 'kok', isco_code: '5120' });
    expect(cook.alt_labels_nl).toEqual(expect.arrayContaining(['chef-kok', 'pâtissier']));
    const [nuenen] = await ds.query(`SELECT name, region_code, population FROM municipality WHERE code = 'GM0820'`);
    expect(nuenen.name).toBe('Nuenen, Gerwen en Nederwetten'); // a quoted CSV field
    const [pc] = await ds.query(`SELECT municipality_code, centroid_lat FROM postcode_area WHERE pc4 = '1011'`);
    expect(pc.municipality_code).toBe('GM0363');
  });

  it('does not reload on a second run', async () => {
    const report = await loadReferenceData(ds.manager);
    expect(report.loaded).toEqual([]);
    expect(report.skipped).toEqual(REFERENCE_DATASETS.map((d) => d.name));
  });

  it('reloads only a dataset whose recorded checksum no longer matches, without duplicating rows', async () => {
    await ds.query(`UPDATE reference_dataset SET checksum = 'stale' WHERE name = 'municipalities'`);
    await ds.query(`UPDATE municipality SET name = 'tampered' WHERE code = 'GM0363'`);
    const report = await loadReferenceData(ds.manager);
    expect(report.loaded).toEqual([{ name: 'municipalities', rows: 342 }]);
    expect(await count('municipality')).toBe(342);
    expect((await ds.query(`SELECT name FROM municipality WHERE code = 'GM0363'`))[0].name).toBe('Amsterdam');
  });
});
