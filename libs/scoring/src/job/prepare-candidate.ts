import type { CandidateProfile } from '../model/candidate-profile';
import { cefrStep } from '../model/cefr';
import { educationRank } from '../model/education-level';
import { type RtwFacts, rtwFactsOf } from '../rights/right-to-work-core';
import { geo, nonNegative } from '../util/check-number';
import { DEG } from '../util/haversine';
import { isco3Of, isco4Of } from '../util/isco';
import { type JobMatchContext, type PreparedJobContext, prepareJobContext } from './job-match-context';

/**
 * A candidate read once for many job pairs: dates parsed, the skill credits of explicit skills and
 * of held occupations (R7) in a small hash table, the diploma fit per required level (R6), all
 * bound to one prepared context.
 */
export interface PreparedCandidate {
  readonly context: PreparedJobContext;
  readonly profile: CandidateProfile;
  readonly id: string;
  /** @internal */ readonly rtw: RtwFacts;
  /** @internal */ readonly latRad: number;
  /** @internal */ readonly lonRad: number;
  /** @internal */ readonly cosLat: number;
  /** @internal */ readonly dutch: number;
  /** @internal */ readonly english: number;
  /** @internal */ readonly hoursAvailable: number;
  /** @internal */ readonly maxTravelKm: number;
  /** @internal open-addressing table of skill number -> credit in (0, 1]; -1 = empty slot */
  readonly skillKeys: Int32Array;
  /** @internal */ readonly skillCredit: Float64Array;
  /** @internal */ readonly skillShift: number;
  /** @internal */ readonly skillMask: number;
  /** @internal held occupations: ISCO unit group, minor group and credit by years */
  readonly occIsco4: Int32Array;
  /** @internal */ readonly occIsco3: Int32Array;
  /** @internal */ readonly occCredit: Float64Array;
  /** @internal diploma fit for each required education rank 0..5 */
  readonly diplomaValueByRank: Float64Array;
  /** @internal regulated professions with a RECOGNISED diploma (trimmed, lower case) */
  readonly recognisedProfessions: readonly string[];
  /** @internal relocationWeight × relocation value (R10 stability) */
  readonly stabilityPart: number;
}

/** R7: credit an occupation held for `years` gives to its essential skills: rising linearly to a saturation point. */
export function occupationCredit(years: number, s: { occupationCreditAtZeroYears: number; occupationCreditMax: number; occupationSaturationYears: number }): number {
  const y = years < s.occupationSaturationYears ? years : s.occupationSaturationYears;
  return s.occupationCreditAtZeroYears + ((s.occupationCreditMax - s.occupationCreditAtZeroYears) * y) / s.occupationSaturationYears;
}

/** Hash of a skill number into a table of 2^(32 - shift) slots (internal). */
export function skillSlot(id: number, shift: number): number {
  return Math.imul(id, 0x9e3779b1) >>> shift;
}

export function normaliseProfession(p: string): string {
  return p.trim().toLowerCase();
}

/**
 * Prepares a candidate for `scorePrepared` (R5-R8). Throws a ScoringInputError naming the field
 * when a date, a level or a number cannot be read.
 */
export function prepareCandidate(candidate: CandidateProfile, context: JobMatchContext | PreparedJobContext): PreparedCandidate {
  const ctx = prepareJobContext(context);
  const cp = ctx.cp;
  const sp = cp.policy.params.skills;
  const field = `candidate(${candidate.id})`;
  const loc = geo(candidate.location, `${field}.location`);

  // R7: explicit skills count fully; an occupation held credits its essential skills, more with more years.
  const credits = new Map<number, number>();
  for (const s of candidate.skills) credits.set(ctx.interner.id(s), 1);
  const occ = candidate.occupations;
  const occIsco4 = new Int32Array(occ.length);
  const occIsco3 = new Int32Array(occ.length);
  const occCredit = new Float64Array(occ.length);
  occ.forEach((o, i) => {
    const c = occupationCredit(nonNegative(o.years, `${field}.occupations[${i}].years`), sp);
    occIsco4[i] = isco4Of(o.iscoCode);
    occIsco3[i] = isco3Of(o.iscoCode);
    occCredit[i] = c;
    const entry = o.escoId ? ctx.catalogue.get(o.escoId) : undefined;
    if (entry) {
      for (const s of entry.essentialSkills) {
        const id = ctx.interner.id(s);
        const prev = credits.get(id) ?? 0;
        if (c > prev) credits.set(id, c);
      }
    }
  });
  let bits = 1;
  while (1 << bits < credits.size * 2) bits++;
  const size = 1 << bits;
  const skillShift = 32 - bits;
  const skillKeys = new Int32Array(size).fill(-1);
  const skillCredit = new Float64Array(size);
  for (const [id, c] of credits) {
    let i = skillSlot(id, skillShift);
    while (skillKeys[i] !== -1) i = (i + 1) & (size - 1);
    skillKeys[i] = id;
    skillCredit[i] = c;
  }

  // R6: for each required level, the best diploma: status credit × value by levels below the requirement.
  const dp = cp.policy.params.diploma;
  const diplomaValueByRank = new Float64Array(6);
  const recognised: string[] = [];
  diplomaValueByRank[0] = 1;
  candidate.diplomas.forEach((d, i) => {
    const rank = educationRank(d.level);
    const credit = dp.statusCredit[d.status];
    if (credit === undefined) throw new RangeError(`${field}.diplomas[${i}].status: not a diploma status: ${String(d.status)}`);
    for (let r = 1; r <= 5; r++) {
      const below = r - rank > 0 ? r - rank : 0;
      const v = credit * dp.valueByLevelsBelow[Math.min(below, dp.valueByLevelsBelow.length - 1)];
      if (v > diplomaValueByRank[r]) diplomaValueByRank[r] = v;
    }
    if (d.status === 'RECOGNISED' && d.regulatedProfession) recognised.push(normaliseProfession(d.regulatedProfession));
  });

  const st = cp.policy.params.stability;
  const latRad = loc.lat * DEG;
  return {
    context: ctx,
    profile: candidate,
    id: candidate.id,
    rtw: rtwFactsOf(candidate, cp, field),
    latRad,
    lonRad: loc.lon * DEG,
    cosLat: Math.cos(latRad),
    dutch: cefrStep(candidate.dutchLevel),
    english: cefrStep(candidate.englishLevel),
    hoursAvailable: nonNegative(candidate.hoursAvailable, `${field}.hoursAvailable`),
    maxTravelKm: nonNegative(candidate.maxTravelKm, `${field}.maxTravelKm`),
    skillKeys,
    skillCredit,
    skillShift,
    skillMask: size - 1,
    occIsco4,
    occIsco3,
    occCredit,
    diplomaValueByRank,
    recognisedProfessions: recognised,
    // R10 stability: living in reception carries a risk of relocation (R8).
    stabilityPart: st.relocationWeight * (candidate.livesInReception ? st.relocationRiskValue : 1),
  };
}
