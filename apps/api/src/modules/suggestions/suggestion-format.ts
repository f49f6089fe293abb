import { createHash } from 'crypto';
import type { RuleCheck as LibRuleCheck, ScoreComponent as LibScoreComponent } from '@kansrijk/scoring';
import { Language, RuleCheck, ScoreComponent } from './models/suggestion.models';

/** Score components in the caller's language, with both texts (R18). */
export const components = (cs: LibScoreComponent[], lang: Language): ScoreComponent[] =>
  cs.map((c) => ({ name: c.name, value: c.value, weight: c.weight, contribution: c.contribution, reason: lang === Language.NL ? c.reason.nl : c.reason.en, reasonNl: c.reason.nl, reasonEn: c.reason.en }));

/** Rule checks in the caller's language, with both texts (R18). */
export const checks = (cs: LibRuleCheck[], lang: Language): RuleCheck[] =>
  cs.map((c) => ({ rule: c.rule, passed: c.passed, reason: lang === Language.NL ? c.reason.nl : c.reason.en, reasonNl: c.reason.nl, reasonEn: c.reason.en }));

/** sha256 of the canonical arguments of a served list (R19: what was asked, without personal data). */
export const inputHash = (args: unknown) => createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 32);

export const round = (x: number) => Math.round(x * 1e6) / 1e6;
