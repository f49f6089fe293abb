import { linkWindow, LINK_WINDOW_DAYS } from './link-window';

describe('linkWindow (domain §1: two weeks from the permit)', () => {
  it.each([
    ['2026-11-01', '2026-11-01', '2026-11-15', 14],
    ['2026-11-01', '2026-11-10', '2026-11-15', 5],
    ['2026-11-01', '2026-11-15', '2026-11-15', 0],
    ['2026-11-01', '2026-11-20', '2026-11-15', -5],
    ['2026-12-25', '2026-12-31', '2027-01-08', 8], // across a year end
    ['2026-03-20', '2026-03-30', '2026-04-03', 4], // across the switch to summer time (dates, not hours)
  ])('permit %s, today %s: deadline %s, %i days left', (permit, today, deadline, daysLeft) => {
    expect(linkWindow(permit, today)).toEqual({ deadline, daysLeft });
  });

  it('is two weeks', () => expect(LINK_WINDOW_DAYS).toBe(14));
});
