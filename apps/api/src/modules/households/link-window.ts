/**
 * Domain §1: COA links a permit holder's household to a municipality within two weeks of the
 * residence permit. The window starts at the earliest permit of the household's status holders.
 */
export const LINK_WINDOW_DAYS = 14;

const DAY_MS = 86_400_000;
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The last day of the link window and the days left on `today` (negative once it has passed). */
export function linkWindow(permitDate: string, today: string): { deadline: string; daysLeft: number } {
  const deadline = utc(permitDate) + LINK_WINDOW_DAYS * DAY_MS;
  return { deadline: new Date(deadline).toISOString().slice(0, 10), daysLeft: Math.round((deadline - utc(today)) / DAY_MS) };
}
