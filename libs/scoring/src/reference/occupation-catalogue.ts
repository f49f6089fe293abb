/** What the catalogue knows of one ESCO occupation (R7). */
export interface OccupationEntry {
  /** ISCO-08 unit group, 4 digits (e.g. "5120"). */
  iscoCode: string;
  essentialSkills: readonly string[];
  optionalSkills: readonly string[];
  label?: { nl?: string; en?: string };
}

/**
 * ESCO occupations by id (R7). The library only reads it; the API or a loader supplies the data
 * (e.g. from libs/reference-data).
 */
export interface OccupationCatalogue {
  get(escoOccupationId: string): OccupationEntry | undefined;
}

/** A catalogue held in memory. */
export class InMemoryOccupationCatalogue implements OccupationCatalogue {
  private readonly byId: Map<string, OccupationEntry>;

  constructor(entries: Iterable<readonly [string, OccupationEntry]> | Record<string, OccupationEntry> = []) {
    this.byId = new Map(Symbol.iterator in entries ? (entries as Iterable<readonly [string, OccupationEntry]>) : Object.entries(entries));
  }

  get(escoOccupationId: string): OccupationEntry | undefined {
    return this.byId.get(escoOccupationId);
  }

  get size(): number {
    return this.byId.size;
  }
}
