/**
 * Writes libs/reference-data/data/labour-demand-sample.csv: an ILLUSTRATIVE tension
 * indicator per labour-market region and ISCO-08 sub-major group (2 digits). It is not
 * UWV data. The levels only follow the sectors the domain brief names as short of staff
 * (care, technology, education, ICT, construction) or hiring newcomers now (hospitality,
 * cleaning, logistics, agriculture), with a deterministic regional spread, so that a
 * fresh install ranks sensibly until an operator loads real figures
 * (`npm run import -- labour-demand file.csv`). Run: npm run labour-demand:sample
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { loadIscoGroups, loadLabourMarketRegions, REFERENCE_DATA_DIR } from '@kansrijk/reference-data';
import { mulberry32 } from './demo/random';

/** Illustrative base tension (vacancies per short-term unemployed) per ISCO major group or sub-major group. */
const BASE: Record<string, number> = {
  '0': 0.7, '1': 0.8, '21': 1.8, '22': 2.1, '23': 1.6, '24': 0.9, '25': 1.9, '26': 0.5,
  '31': 1.7, '32': 2.0, '33': 0.8, '34': 0.6, '35': 1.6, '4': 0.6, '51': 1.3, '52': 0.9, '53': 1.9, '54': 0.9,
  '6': 1.0, '71': 1.7, '72': 1.8, '73': 0.8, '74': 1.9, '75': 1.1, '8': 1.1, '83': 1.4, '91': 1.2, '92': 1.0,
  '93': 1.3, '94': 1.3, '95': 0.6, '96': 0.9,
};


const label = (t: number) => (t < 0.6 ? 'ruim' : t < 1 ? 'gemiddeld' : t < 1.5 ? 'krap' : 'zeer krap');

function main(): void {
  const rand = mulberry32(2025);
  const groups = loadIscoGroups().filter((g) => g.level === 2).map((g) => g.code);
  const lines = ['region_code,isco_group,tension,label,illustrative'];
  for (const region of loadLabourMarketRegions()) {
    const regional = 0.75 + 0.5 * rand();
    for (const group of groups) {
      const base = BASE[group] ?? BASE[group[0]] ?? 1;
      const tension = Math.max(0.05, base * regional * (0.9 + 0.2 * rand()));
      lines.push(`${region.code},${group},${tension.toFixed(2)},${label(tension)},true`);
    }
  }
  const file = join(REFERENCE_DATA_DIR, 'labour-demand-sample.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(`wrote ${file}: ${lines.length - 1} illustrative rows`);
}

main();
