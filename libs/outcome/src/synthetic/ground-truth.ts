import { refuseProtectedFeatures } from '../features/protected-attributes';
import { compileTerms } from '../features/terms';
import { OutcomeInputError } from '../outcome-input-error';

/**
 * A stated ground-truth model for a synthetic history: log-odds of employment within 24 months
 * = intercept + Σ coefficient × feature (the features of the catalogue, so a fit can be compared
 * coefficient by coefficient), plus optional direct effects of monitoring groups (which no
 * fair model can see: they show up as calibration gaps between groups).
 */
export interface GroundTruth {
  name: string;
  description?: string;
  intercept: number;
  coefficients: Record<string, number>;
  /** Log-odds of employment within 12 months minus that within 24 (< 0: fewer work by 12 months). */
  employed12Shift: number;
  /** Direct log-odds effects by group, e.g. `{ "origin": { "ER": -0.4 } }`: what the features cannot explain. */
  groupEffects?: { origin?: Record<string, number>; gender?: Record<string, number> };
  /** Share of rows whose 24-month outcome is not known yet (default 0.03). */
  missingShare?: number;
}

/**
 * The truth the project's tests use. Signs as the literature has them (language, education,
 * experience, demand, reachable work and nearby ties help; age 50+, the Z route and long waits
 * hurt); sizes invented.
 */
export const DEFAULT_GROUND_TRUTH: GroundTruth = {
  name: 'kansrijk-test-truth',
  description: 'Invented for tests and the demo: signs plausible, sizes made up. Not an estimate of anything real.',
  intercept: -2.2,
  coefficients: {
    dutch: 1.8,
    english: 0.6,
    education: 0.5,
    diplomaRecognised: 0.35,
    experience: 0.9,
    hours: 0.7,
    age18to24: 0.15,
    age35to49: -0.25,
    age50plus: -0.9,
    procedureTime: -0.5,
    timeSincePermit: -0.3,
    zRoute: -0.6,
    labourDemand: 1.2,
    reachableVacancies: 0.8,
    tieNearby: 0.5,
    municipalitySize: -0.1,
    'dutch*labourDemand': 0.8,
    'experience*labourDemand': 0.6,
    'english*municipalitySize': 0.3,
    'hours*reachableVacancies': 0.4,
  },
  employed12Shift: -0.9,
};

/** Checks a truth as data (from a JSON file): known features, none protected (R17), finite numbers. */
export function validateGroundTruth(input: unknown): GroundTruth {
  const t = input as GroundTruth;
  if (!t || typeof t !== 'object') throw new OutcomeInputError('truth', 'object', 'must be a JSON object');
  if (typeof t.name !== 'string' || !t.name) throw new OutcomeInputError('truth.name', 'string', 'must be a non-empty string');
  const num = (v: unknown, field: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new OutcomeInputError(field, 'number', `must be a finite number, got ${JSON.stringify(v)}`);
  };
  num(t.intercept, 'truth.intercept');
  num(t.employed12Shift, 'truth.employed12Shift');
  if (t.employed12Shift > 0) throw new OutcomeInputError('truth.employed12Shift', 'max', 'must be <= 0 (work within 12 months implies work within 24)');
  if (!t.coefficients || typeof t.coefficients !== 'object') throw new OutcomeInputError('truth.coefficients', 'object', 'must map feature names to numbers');
  const names = Object.keys(t.coefficients);
  refuseProtectedFeatures(names, 'truth.coefficients');
  compileTerms(names, 'truth.coefficients');
  for (const n of names) num(t.coefficients[n], `truth.coefficients.${n}`);
  for (const [dim, effects] of Object.entries(t.groupEffects ?? {})) {
    if (dim !== 'origin' && dim !== 'gender') throw new OutcomeInputError(`truth.groupEffects.${dim}`, 'oneOf', 'must be origin or gender');
    for (const [g, v] of Object.entries(effects ?? {})) num(v, `truth.groupEffects.${dim}.${g}`);
  }
  if (t.missingShare !== undefined && !(t.missingShare >= 0 && t.missingShare < 1)) throw new OutcomeInputError('truth.missingShare', 'range', 'must be in [0, 1)');
  return t;
}
