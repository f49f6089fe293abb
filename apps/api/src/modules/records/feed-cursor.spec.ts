import { FeedCursor } from './feed-cursor';

describe('FeedCursor: no change is skipped when feed ids commit out of order', () => {
  it('waits below a hole, then applies the late id when it shows up', () => {
    const c = new FeedCursor(10, 1000);
    c.advance([11, 13, 14], 0); // 12 is still being committed
    expect(c.position).toBe(11);
    expect(c.appliedAbove.sort()).toEqual([13, 14]);
    c.advance([12], 500);
    expect(c.position).toBe(14);
    expect(c.appliedAbove).toEqual([]);
  });

  it('steps over a hole that stays empty for the grace period (a rolled-back transaction)', () => {
    const c = new FeedCursor(0, 1000);
    c.advance([1, 3], 0);
    c.advance([], 999);
    expect(c.position).toBe(1);
    c.advance([], 1000);
    expect(c.position).toBe(3);
  });

  it('ignores ids at or below its position, and counts a hole from when it was first noticed', () => {
    const c = new FeedCursor(5, 100);
    c.advance([4, 5], 0);
    expect(c.position).toBe(5);
    c.advance([8], 50); // 6 and 7 missing since 50
    c.advance([9], 120);
    expect(c.position).toBe(5);
    c.advance([], 150);
    expect(c.position).toBe(9);
  });
});
