import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows perMinute requests at once, then one every 60/perMinute seconds, with the wait as the retry hint', () => {
    const b = new TokenBuckets(6); // one token every 10 s
    for (let i = 0; i < 6; i++) expect(b.take('k', 0)).toEqual({ allowed: true });
    expect(b.take('k', 0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(b.take('k', 4_000)).toEqual({ allowed: false, retryAfterSeconds: 6 });
    expect(b.take('k', 10_000)).toEqual({ allowed: true });
    expect(b.take('k', 10_001)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('keeps callers apart and never refills beyond perMinute', () => {
    const b = new TokenBuckets(2);
    expect(b.take('a', 0).allowed).toBe(true);
    expect(b.take('a', 0).allowed).toBe(true);
    expect(b.take('a', 0).allowed).toBe(false);
    expect(b.take('b', 0).allowed).toBe(true);
    // An hour idle refills to 2, not to 120.
    expect([1, 2, 3].map(() => b.take('b', 3_600_000).allowed)).toEqual([true, true, false]);
  });

  it('forgets callers whose bucket is full again when it holds too many, keeping the ones still limited', () => {
    const b = new TokenBuckets(60, 3);
    for (let i = 0; i < 60; i++) b.take('busy', 0);
    b.take('x', 0);
    b.take('y', 0);
    expect(b.size).toBe(3);
    b.take('z', 120_000); // x and y are full again after two minutes; busy is too, but it still counts
    expect(b.size).toBeLessThanOrEqual(3);
    const c = new TokenBuckets(60, 3);
    for (let i = 0; i < 60; i++) c.take('busy', 0);
    c.take('x', 0);
    c.take('y', 0);
    c.take('z', 1); // nobody is full yet: the oldest go
    expect(c.size).toBeLessThanOrEqual(3);
    expect(c.take('z', 1).allowed).toBe(true);
  });
});
