import type { OccupationCatalogue } from './occupation-catalogue';

/**
 * Skill ids as small integers (internal), so the fast path compares numbers, not strings.
 * One numbering per catalogue object, held weakly: profiles prepared against the same catalogue
 * share it, and it goes when the catalogue goes.
 */
export class SkillInterner {
  private readonly ids = new Map<string, number>();

  id(skill: string): number {
    let n = this.ids.get(skill);
    if (n === undefined) {
      n = this.ids.size;
      this.ids.set(skill, n);
    }
    return n;
  }
}

const byCatalogue = new WeakMap<OccupationCatalogue, SkillInterner>();

/** The interner of a catalogue (internal). */
export function internerFor(catalogue: OccupationCatalogue): SkillInterner {
  let i = byCatalogue.get(catalogue);
  if (!i) {
    i = new SkillInterner();
    byCatalogue.set(catalogue, i);
  }
  return i;
}
