import type { Policy } from '../policy/policy';

/** One labour-demand figure: UWV's tension indicator, vacancies per short-term unemployed (R10, R14). */
export interface LabourDemandFigure {
  /** Vacancies per short-term unemployed person (>= 0); above 1 = a tight market. */
  tension: number;
  /** Optional label as published, e.g. "krap". */
  label?: string;
}

/** Labour demand per labour-market region and ISCO group (1 to 4 digits). */
export interface LabourDemand {
  get(regionCode: string, iscoGroup: string): LabourDemandFigure | undefined;
}

/** A row of the labour-demand import format (see README). */
export interface LabourDemandRow {
  regionCode: string;
  iscoGroup: string;
  tension: number;
  label?: string;
}

/** Labour demand held in memory, from rows of the import format. */
export class InMemoryLabourDemand implements LabourDemand {
  private readonly figures = new Map<string, LabourDemandFigure>();

  constructor(rows: Iterable<LabourDemandRow> = []) {
    for (const r of rows) this.figures.set(`${r.regionCode}|${r.iscoGroup}`, r.label === undefined ? { tension: r.tension } : { tension: r.tension, label: r.label });
  }

  get(regionCode: string, iscoGroup: string): LabourDemandFigure | undefined {
    return this.figures.get(`${regionCode}|${iscoGroup}`);
  }
}

/** A figure found by `lookupLabourDemand`, with the ISCO level it was found at (0 = none found). */
export interface LabourDemandLookup {
  figure: LabourDemandFigure | null;
  iscoGroup: string | null;
  digits: 0 | 1 | 2 | 3 | 4;
}

/**
 * Looks up the demand for an occupation in a region, falling back from the 4-digit ISCO unit group
 * to the 3-, 2- and 1-digit groups (R14). `digits: 0` when nothing is found: the caller then uses
 * the policy default, which is neutral.
 */
export function lookupLabourDemand(args: { labourDemand: LabourDemand | null | undefined; regionCode: string; iscoCode: string | null | undefined }): LabourDemandLookup {
  const digits = (args.iscoCode ?? '').replace(/\D/g, '').slice(0, 4);
  if (args.labourDemand) {
    for (let n = digits.length; n >= 1; n--) {
      const group = digits.slice(0, n);
      const figure = args.labourDemand.get(args.regionCode, group);
      if (figure && Number.isFinite(figure.tension) && figure.tension >= 0) return { figure, iscoGroup: group, digits: n as 1 | 2 | 3 | 4 };
    }
  }
  return { figure: null, iscoGroup: null, digits: 0 };
}

/**
 * The [0, 1] value of a lookup: tension / (tension + halfValueRatio), so a ratio equal to
 * `halfValueRatio` scores 0.5; the policy's `defaultValue` (neutral) when no figure was found.
 */
export function labourDemandValue(lookup: LabourDemandLookup, policy: Policy): number {
  const p = policy.params.labourDemand;
  if (!lookup.figure) return p.defaultValue;
  const t = lookup.figure.tension;
  return t / (t + p.halfValueRatio);
}
