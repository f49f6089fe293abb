import fc from 'fast-check';
import { rankOrder, topByBound, type Ranked } from './top-by-bound';

describe('topByBound: the exact top k, completing only what can still make the list', () => {
  type Case = Ranked & { final: number; upper: number };
  /** Top 5 in chunks of 8, each item completed at its `final` score. */
  const top5 = (items: Case[], rebound?: (xs: Case[]) => void) =>
    topByBound({ items, upper: (x) => x.upper, take: 5, chunk: 8, complete: (xs) => xs.map((x) => ({ ...x, score: x.final })), rebound });

  it('equals completing every item and sorting, on random bounded items (ties included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ eligible: fc.boolean(), final: fc.constantFrom(0.1, 0.25, 0.5, 0.75), jitter: fc.double({ min: 0, max: 0.2, noNaN: true }), slack: fc.double({ min: 0, max: 0.3, noNaN: true }) }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        (raw, take, chunk) => {
          const items = raw.map((r, i) => {
            const final = r.final + (r.jitter < 0.1 ? 0 : r.jitter);
            return { key: `GM${String(1000 + i)}`, eligible: r.eligible, score: 0, final, upper: final + (r.slack < 0.1 ? 0 : r.slack) };
          });
          const complete = (xs: typeof items) => xs.map((x) => ({ ...x, score: x.final }));
          const want = complete(items).sort(rankOrder).slice(0, take);
          const got = topByBound({ items, upper: (x) => x.upper, take, chunk, complete });
          expect(got.top.map((x) => [x.key, x.score])).toEqual(want.map((x) => [x.key, x.score]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('with bounds tightened on the way (rebound), the same top; it completes only tightened items that can still make the list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ eligible: fc.boolean(), final: fc.constantFrom(0.1, 0.25, 0.5, 0.75), jitter: fc.double({ min: 0, max: 0.2, noNaN: true }), slack: fc.double({ min: 0, max: 0.3, noNaN: true }), keep: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        (raw, take, chunk) => {
          const items = raw.map((r, i) => {
            const final = r.final + (r.jitter < 0.1 ? 0 : r.jitter);
            const upper = final + (r.slack < 0.1 ? 0 : r.slack);
            // A tighter bound, between the final score and the first one, revealed only by rebound.
            return { key: `GM${String(1000 + i)}`, eligible: r.eligible, score: 0, final, upper, tight: final + (upper - final) * r.keep };
          });
          const complete = (xs: typeof items) => xs.map((x) => ({ ...x, score: x.final }));
          const want = complete(items).sort(rankOrder).slice(0, take);
          const plain = topByBound({ items: items.map((x) => ({ ...x })), upper: (x) => x.upper, take, chunk, complete });
          // What is completed, checked against the list so far: each item was tightened first, and
          // none is completed once the k-th of a full list outranks its tightened bound. (Fewer
          // completions than without rebound is the usual outcome, not a rule: tightened bounds
          // reorder the items, and a chunk can then hold one the plain order never reached.)
          const tightenedKeys = new Set<string>();
          let sofar: ReturnType<typeof complete> = [];
          const watched = (xs: typeof items) => {
            const kth = sofar.length >= take ? sofar[take - 1] : null;
            for (const x of xs) {
              expect(tightenedKeys.has(x.key)).toBe(true);
              if (kth) expect((kth.eligible && !x.eligible) || (kth.eligible === x.eligible && kth.score > x.upper)).toBe(false);
            }
            const done = complete(xs);
            sofar = [...sofar, ...done].sort(rankOrder);
            return done;
          };
          const rebound = (xs: typeof items) => xs.forEach((x) => (tightenedKeys.add(x.key), (x.upper = x.tight)));
          const tightened = topByBound({ items, upper: (x) => x.upper, take, chunk, complete: watched, rebound });
          expect(plain.top.map((x) => [x.key, x.score])).toEqual(want.map((x) => [x.key, x.score]));
          expect(tightened.top.map((x) => [x.key, x.score])).toEqual(want.map((x) => [x.key, x.score]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('skips what a tightened bound rules out', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, eligible: true, score: 0, final: i < 5 ? 0.5 : 0.4, upper: 0.6 }));
    const got = top5(items, (xs) => xs.forEach((x) => (x.upper = x.final + 0.01)));
    expect(got.top.map((x) => x.key)).toEqual(['k00', 'k01', 'k02', 'k03', 'k04']);
    expect(got.completed).toBe(8);
  });

  it('tightens only the items that come to the front (rebound is the costlier bound)', () => {
    // Loose first bounds in the right order: the leaders and a chunk's worth after them are tightened, nothing else.
    const items = Array.from({ length: 300 }, (_, i) => ({ key: `k${String(i).padStart(3, '0')}`, eligible: true, score: 0, final: i < 5 ? 0.9 : 0.2, upper: i < 5 ? 1.1 : 0.4 - i / 10000 }));
    const tightened: string[] = [];
    const got = top5(items, (xs) => xs.forEach((x) => (tightened.push(x.key), (x.upper = x.final + 0.01))));
    expect(got.top.map((x) => x.key)).toEqual(['k000', 'k001', 'k002', 'k003', 'k004']);
    expect(tightened).toEqual(['k000', 'k001', 'k002', 'k003', 'k004', 'k005', 'k006', 'k007']);
    expect(got.completed).toBe(5);
  });

  it('stops once the k-th completed score beats every bound left', () => {
    const items: Case[] = Array.from({ length: 300 }, (_, i) => ({
      key: `k${String(i).padStart(3, '0')}`,
      eligible: true,
      score: 0,
      final: i < 5 ? 0.9 : 0.25,
      upper: i < 5 ? 0.95 : 0.3,
    }));
    const got = top5(items);
    expect(got.top.map((x) => x.key)).toEqual(['k000', 'k001', 'k002', 'k003', 'k004']);
    expect(got.completed).toBe(8);
  });

  it('completes everything when the bounds never separate the leaders', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, eligible: true, score: 0, final: 0.5, upper: 0.6 }));
    const got = top5(items);
    expect(got.completed).toBe(40);
    expect(got.top.map((x) => x.key)).toEqual(['k00', 'k01', 'k02', 'k03', 'k04']);
  });
});

describe('rankOrder', () => {
  it('is eligible first, then score descending, then key ascending, answering -1, 0 or 1 only', () => {
    fc.assert(
      fc.property(
        fc.record({ eligible: fc.boolean(), score: fc.constantFrom(0, -0, 0.25, 0.5, 1), key: fc.constantFrom('GM0001', 'GM0002', 'GM0003') }),
        fc.record({ eligible: fc.boolean(), score: fc.constantFrom(0, -0, 0.25, 0.5, 1), key: fc.constantFrom('GM0001', 'GM0002', 'GM0003') }),
        (a: Ranked, b: Ranked) => {
          const want = a.eligible !== b.eligible ? (a.eligible ? -1 : 1) : a.score > b.score ? -1 : a.score < b.score ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
          expect(rankOrder(a, b)).toBe(want);
          expect(rankOrder(b, a)).toBe(-want || 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
