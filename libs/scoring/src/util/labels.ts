import type { Cefr } from '../model/cefr';
import type { DiplomaStatus, EducationLevel } from '../model/education-level';
import type { Lang } from './format';

/** Words used in explanations (internal). */
export function cefrLabel(level: Cefr, lang: Lang): string {
  return level === 'NONE' ? (lang === 'nl' ? 'geen niveau' : 'no level') : level;
}

const EDUCATION: Record<EducationLevel, { nl: string; en: string }> = {
  NONE: { nl: 'geen opleiding', en: 'no education' },
  PRIMARY: { nl: 'basisonderwijs', en: 'primary education' },
  SECONDARY: { nl: 'voortgezet onderwijs', en: 'secondary education' },
  MBO: { nl: 'mbo', en: 'MBO (vocational)' },
  HBO: { nl: 'hbo', en: 'HBO (higher professional)' },
  WO: { nl: 'wo', en: 'WO (university)' },
};

const STATUS: Record<DiplomaStatus, { nl: string; en: string }> = {
  NONE: { nl: 'zonder bewijs', en: 'without evidence' },
  SELF_REPORTED: { nl: 'zelf opgegeven', en: 'self-reported' },
  EVALUATED: { nl: 'gewaardeerd (Nuffic/IDW)', en: 'evaluated (Nuffic/IDW)' },
  RECOGNISED: { nl: 'erkend', en: 'recognised' },
};

export function educationLabel(level: EducationLevel, lang: Lang): string {
  return EDUCATION[level][lang];
}

export function diplomaStatusLabel(status: DiplomaStatus, lang: Lang): string {
  return STATUS[status][lang];
}

/** "1 niveau" / "2 niveaus", "1 step" / "2 steps". */
export function steps(n: number, lang: Lang): string {
  return lang === 'nl' ? `${n} ${n === 1 ? 'niveau' : 'niveaus'}` : `${n} ${n === 1 ? 'step' : 'steps'}`;
}
