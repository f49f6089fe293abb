import fc from 'fast-check';
import { rankOrder, topByBound, type Ranked } from './top-by-bound';

describe('topByBound: the exact top k, completing only what can still make the list', () => {
  it('equals completing every item and sorting, on random bounded items', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ eligible: fc.boolean(), base: fc.double({ min: 0, max: 0.7, noNaN: true }), extra: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        (raw, take, chunk) => {
          const headroom = 0.3;
          const items = raw.map((r, i) => ({ key: `GM${String(1000 + i)}`, eligible: r.eligible, score: r.base, final: Math.min(1, r.base + headroom * r.extra) }));
          const complete = (xs: typeof items) => xs.map((x) => ({ ...x, score: x.final }));
          const want = complete(items).sort(rankOrder).slice(0, take);
          const got = topByBound({ lower: items, take, headroom, chunk, complete });
          expect(got.top.map((x) => [x.key, x.score])).toEqual(want.map((x) => [x.key, x.score]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stops early when the leaders are clear', () => {
    const items: (Ranked & { final: number })[] = Array.from({ length: 300 }, (_, i) => ({ key: `k${String(i).padStart(3, '0')}`, eligible: true, score: i < 5 ? 0.9 : 0.2, final: i < 5 ? 0.95 : 0.25 }));
    const got = topByBound({ lower: items, take: 5, headroom: 0.3, chunk: 24, complete: (xs) => xs.map((x) => ({ ...x, score: x.final })) });
    expect(got.top.map((x) => x.key)).toEqual(['k000', 'k001', 'k002', 'k003', 'k004']);
    expect(got.completed).toBe(24);
  });
});
