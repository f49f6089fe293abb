import { simulate, streamToJsonl, parseStreamJsonl, syntheticStream } from '@kansrijk/matching';
import { formatTable, parseSimulateArgs } from './simulate';

describe('npm run simulate', () => {
  it('reads its options, with the defaults of the README', () => {
    expect(parseSimulateArgs([])).toMatchObject({ households: 10_000, seed: 1, tightness: 1.05, tieShare: 0.25, repriceDays: 3, recentWeight: 0.8, recentDays: 14 });
    expect(parseSimulateArgs(['--wave', 'GM0344:120:0.3:unforeseen', '--seed', '4'])).toMatchObject({
      seed: 4,
      wave: { nearCode: 'GM0344', fromDay: 120, share: 0.3, foreseen: false },
    });
  });

  it('names the bad option and its rule', () => {
    expect(() => parseSimulateArgs(['--households', '0'])).toThrow(/--households: a whole number from 1 to 200,000/);
    expect(() => parseSimulateArgs(['--tightness', 'x'])).toThrow(/--tightness/);
    expect(() => parseSimulateArgs(['--wave', 'Utrecht'])).toThrow(/--wave must be GMxxxx:fromDay:share/);
    expect(() => parseSimulateArgs(['--bogus', '1'])).toThrow(/unknown option --bogus/);
    expect(() => parseSimulateArgs(['--jsonl'])).toThrow(/--jsonl needs a value/);
  });

  it('prints one row per policy, the hindsight plan first, from a stream read back from JSON Lines', async () => {
    const munis = Array.from({ length: 12 }, (_, i) => ({
      code: `GM${String(200 + i).padStart(4, '0')}`,
      regionCode: `AM0${1 + (i % 2)}`,
      population: 10_000 + i * 3_000,
      centroid: { lat: 52 + (i % 4) * 0.2, lon: 5 + Math.floor(i / 4) * 0.3 },
    }));
    const stream = parseStreamJsonl(streamToJsonl(syntheticStream(munis, { seed: 9, households: 60 })));
    const r = await simulate(stream, { hindsight: { method: 'lagrangian' } });
    const rows = formatTable(r).split('\n');
    expect(rows).toHaveLength(2 + 4);
    expect(rows.slice(2).map((l) => l.split('|')[1].trim())).toEqual(['hindsight', 'today', 'myopic', 'dynamic']);
  });
});
