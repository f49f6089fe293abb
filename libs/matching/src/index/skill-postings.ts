import type { PreparedCandidate, PreparedVacancy } from '@kansrijk/scoring';

/**
 * Per slot, the summed skill credit a pair shares, split by the vacancy's essential and optional
 * skills (internal). Valid for the slots touched since `begin` (`has`); others share no skill.
 */
export class SkillSums {
  private stamps = new Int32Array(0);
  essential = new Float64Array(0);
  optional = new Float64Array(0);
  /** How many essential and optional skills the pair shares. */
  essentialCount = new Int32Array(0);
  optionalCount = new Int32Array(0);
  private stamp = 0;
  /** The slots added to since `begin`, `touchedCount` of them, in the order first added. */
  touched = new Int32Array(0);
  touchedCount = 0;

  begin(slots: number): void {
    if (this.stamps.length < slots) {
      const n = Math.max(slots, this.stamps.length * 2, 1024);
      this.stamps = new Int32Array(n);
      this.essential = new Float64Array(n);
      this.optional = new Float64Array(n);
      this.essentialCount = new Int32Array(n);
      this.optionalCount = new Int32Array(n);
      this.touched = new Int32Array(n);
      this.stamp = 0;
    }
    this.touchedCount = 0;
    if (++this.stamp >= 0x7ffffffe) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  has(slot: number): boolean {
    return this.stamps[slot] === this.stamp;
  }

  /** Adds one shared skill: essential (with its credit) or optional. */
  add(slot: number, credit: number, essential: boolean): void {
    if (this.stamps[slot] !== this.stamp) {
      this.stamps[slot] = this.stamp;
      this.touched[this.touchedCount++] = slot;
      this.essential[slot] = 0;
      this.optional[slot] = 0;
      this.essentialCount[slot] = 0;
      this.optionalCount[slot] = 0;
    }
    if (essential) {
      this.essential[slot] += credit;
      this.essentialCount[slot]++;
    } else {
      this.optional[slot] += credit;
      this.optionalCount[slot]++;
    }
  }
}

/** Visits the skill numbers and credits of a prepared candidate's skill table. */
function forEachCredit(pc: PreparedCandidate, f: (skill: number, credit: number) => void): void {
  const keys = pc.skillKeys;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) f(keys[i], pc.skillCredit[i]);
}

/**
 * Vacancy slots by skill number, essential and optional apart (internal): for a candidate it sums
 * the credit of every skill the candidate holds over the vacancies listing it, so a vacancy's
 * skills component is (essentialWeight × essential sum + optionalWeight × optional sum) /
 * skillDenominator without reading the vacancy (when no held occupation shares its ISCO group).
 * Retired slots stay listed until the owner compacts; readers skip them.
 */
export class VacancyPostings {
  private readonly essential: (number[] | undefined)[] = [];
  private readonly optional: (number[] | undefined)[] = [];

  add(slot: number, pv: PreparedVacancy): void {
    push(this.essential, pv.essential, slot);
    push(this.optional, pv.optional, slot);
  }

  sum(pc: PreparedCandidate, out: SkillSums): void {
    forEachCredit(pc, (skill, credit) => {
      const e = this.essential[skill];
      if (e) for (let i = 0; i < e.length; i++) out.add(e[i], credit, true);
      const o = this.optional[skill];
      if (o) for (let i = 0; i < o.length; i++) out.add(o[i], credit, false);
    });
  }

  /**
   * As `sum`, for the slots in [lo, hi) and from `tail` on only (lo <= hi <= tail): a search that
   * can reach no other slot need not add up the rest. Lists hold slots in ascending order (slots
   * only grow), so each list is entered by binary search.
   */
  sumRange(pc: PreparedCandidate, out: SkillSums, lo: number, hi: number, tail: number): void {
    const keys = pc.skillKeys;
    for (let k = 0; k < keys.length; k++) {
      const skill = keys[k];
      if (skill === -1) continue;
      const credit = pc.skillCredit[k];
      const e = this.essential[skill];
      if (e) addRange(e, credit, true, out, lo, hi, tail);
      const o = this.optional[skill];
      if (o) addRange(o, credit, false, out, lo, hi, tail);
    }
  }
}

/** First index of a sorted list whose value is at least `v`. */
function lowerBound(list: number[], v: number, from: number): number {
  let a = from;
  let b = list.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (list[m] < v) a = m + 1;
    else b = m;
  }
  return a;
}

function addRange(list: number[], credit: number, essential: boolean, out: SkillSums, lo: number, hi: number, tail: number): void {
  let i = lowerBound(list, lo, 0);
  for (; i < list.length && list[i] < hi; i++) out.add(list[i], credit, essential);
  for (i = lowerBound(list, tail, i); i < list.length; i++) out.add(list[i], credit, essential);
}

/** Candidate slots by skill number with their credit (internal); the mirror of `VacancyPostings`. */
export class CandidatePostings {
  private readonly slots: (number[] | undefined)[] = [];
  private readonly credits: (number[] | undefined)[] = [];

  add(slot: number, pc: PreparedCandidate): void {
    forEachCredit(pc, (skill, credit) => {
      let s = this.slots[skill];
      let c = this.credits[skill];
      if (!s || !c) {
        s = [];
        c = [];
        this.slots[skill] = s;
        this.credits[skill] = c;
      }
      s.push(slot);
      c.push(credit);
    });
  }

  sum(pv: PreparedVacancy, out: SkillSums): void {
    const visit = (skills: Int32Array, essential: boolean) => {
      for (let k = 0; k < skills.length; k++) {
        const s = this.slots[skills[k]];
        const c = this.credits[skills[k]];
        if (!s || !c) continue;
        for (let i = 0; i < s.length; i++) out.add(s[i], c[i], essential);
      }
    };
    visit(pv.essential, true);
    visit(pv.optional, false);
  }
}

function push(lists: (number[] | undefined)[], skills: Int32Array, slot: number): void {
  for (let i = 0; i < skills.length; i++) {
    const id = skills[i];
    let list = lists[id];
    if (!list) {
      list = [];
      lists[id] = list;
    }
    list.push(slot);
  }
}
