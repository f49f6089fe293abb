import type { VacancyProfile } from '@kansrijk/scoring';

/** Who a held candidate is and whose it is: enough to find it and check access (R20). */
export interface CandidateRef {
  id: string;
  pseudonym: string;
  tenant: string | null;
}

/** An employer as vacancies show it; one object per employer, so a rename reaches every vacancy at once. */
export interface EmployerRef {
  readonly id: string;
  name: string;
}

/** What a suggestion shows of a held vacancy beyond its scoring profile. */
export interface VacancyFacts {
  title: string;
  employer: EmployerRef | null;
  municipalityCode: string;
  tenant: string | null;
}

/** A vacancy row as loaded: its scoring profile and what is shown of it. */
export interface LoadedVacancy {
  profile: VacancyProfile;
  title: string;
  employerId: string | null;
  municipalityCode: string;
  tenant: string | null;
  status: string;
}

/**
 * The facts of the records the matching index holds that are not scoring inputs: for each
 * candidate its pseudonym and tenant, for each open vacancy its title, employer, municipality
 * and tenant, and every such employer's name. MatchingService changes it in the same
 * synchronous step as the index, so a request that ranks and then reads these in one tick
 * sees one state of both: a listed vacancy always has its facts, an erased person is in
 * neither.
 */
export class HeldRecords {
  private readonly candidates = new Map<string, CandidateRef>();
  private readonly byPseudonym = new Map<string, CandidateRef>();
  private readonly vacancies = new Map<string, VacancyFacts>();
  private readonly employers = new Map<string, EmployerRef>();
  /** Few distinct tenants and municipality codes, many rows: one string each. */
  private readonly interned = new Map<string, string>();

  candidate(id: string): CandidateRef | undefined {
    return this.candidates.get(id);
  }

  candidateByPseudonym(pseudonym: string): CandidateRef | undefined {
    return this.byPseudonym.get(pseudonym);
  }

  /** The ids of the held candidates of one platform tenant. */
  candidatesOfTenant(tenant: string): string[] {
    const out: string[] = [];
    for (const c of this.candidates.values()) if (c.tenant === tenant) out.push(c.id);
    return out;
  }

  setCandidate(ref: CandidateRef): void {
    const old = this.candidates.get(ref.id);
    if (old && old.pseudonym !== ref.pseudonym) this.byPseudonym.delete(old.pseudonym);
    const held = { id: ref.id, pseudonym: ref.pseudonym, tenant: this.intern(ref.tenant) };
    this.candidates.set(ref.id, held);
    this.byPseudonym.set(ref.pseudonym, held);
  }

  removeCandidate(id: string): void {
    const old = this.candidates.get(id);
    if (!old) return;
    this.candidates.delete(id);
    if (this.byPseudonym.get(old.pseudonym) === old) this.byPseudonym.delete(old.pseudonym);
  }

  vacancy(id: string): VacancyFacts | undefined {
    return this.vacancies.get(id);
  }

  /** Holds an open vacancy's facts; its employer must have been set (setEmployerNames) first. */
  setVacancy(v: LoadedVacancy): void {
    this.vacancies.set(v.profile.id, {
      title: v.title,
      employer: v.employerId === null ? null : (this.employers.get(v.employerId) ?? null),
      municipalityCode: this.intern(v.municipalityCode)!,
      tenant: this.intern(v.tenant),
    });
  }

  removeVacancy(id: string): void {
    this.vacancies.delete(id);
  }

  /** Sets employers' current names; vacancies already held show a new name at once. */
  setEmployerNames(rows: readonly { id: string; name: string }[]): void {
    for (const r of rows) {
      const held = this.employers.get(r.id);
      if (held) held.name = r.name;
      else this.employers.set(r.id, { id: r.id, name: r.name });
    }
  }

  get size(): { candidates: number; vacancies: number; employers: number } {
    return { candidates: this.candidates.size, vacancies: this.vacancies.size, employers: this.employers.size };
  }

  private intern(s: string | null): string | null {
    if (s === null) return null;
    const held = this.interned.get(s);
    if (held !== undefined) return held;
    this.interned.set(s, s);
    return s;
  }
}
