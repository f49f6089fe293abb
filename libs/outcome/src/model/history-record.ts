import type { MonitoringAttributes, OutcomeCase } from '../features/outcome-input';

/**
 * One adult of a historical link: the case (profile, place, day of the link), the outcomes
 * (employed within 12 and 24 months of the link; null = not known) and, for evaluation only,
 * the monitoring attributes (R17).
 */
export interface HistoryRecord extends OutcomeCase {
  /** The municipality linked to (CBS code); its size and place are in `location`. */
  municipalityCode?: string;
  employed12: 0 | 1 | null;
  employed24: 0 | 1 | null;
  monitoring?: MonitoringAttributes;
  synthetic?: boolean;
}
