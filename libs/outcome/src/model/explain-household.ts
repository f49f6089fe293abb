import { formatNumber } from '@kansrijk/scoring';
import type { RawCase } from '../features/raw-case';
import { probabilityOf, termValues, type CompiledOutcomeModel } from './compiled-model';

/** One term's share of a household's expected adults in work, in words (R18). */
export interface OutcomeContribution {
  term: string;
  /** Expected adults in work with the adults' own values of this term, minus with the training mean: > 0 raises. */
  effect: number;
  reasonNl: string;
  reasonEn: string;
}

/** What the model expects of a household's adults at one place (R16: every adult counts). */
export interface HouseholdOutlook {
  modelVersion: string;
  adults: number;
  /** Σ over the adults of P(employed within 24 months). */
  expected: number;
  /** expected ÷ adults, in [0, 1]: the link component's value. */
  share: number;
  probabilities: number[];
  /** The terms that move the expectation most, largest |effect| first. */
  contributions: OutcomeContribution[];
}

const signed = (x: number, lang: 'nl' | 'en') => `${x >= 0 ? '+' : '−'}${formatNumber(Math.abs(x), lang, 2, true)}`;

/** The words for one term and the household's values of it (each adult's fact, without repeats). */
function termWords(model: CompiledOutcomeModel, j: number, adults: readonly RawCase[], lang: 'nl' | 'en'): string {
  const term = model.terms[j];
  const facts = (k: number) => [...new Set(adults.map((a) => term.parts[k].describe(a, lang)))].join(lang === 'nl' ? ' en ' : ' and ');
  if (term.parts.length === 1) return `${term.parts[0].label[lang]}: ${facts(0)}`;
  return `${term.parts[0].label[lang]} × ${term.parts[1].label[lang].toLowerCase()}: ${facts(0)}; ${facts(1)}`;
}

/**
 * The expected number of a household's adults in work at one place, and its top contributions:
 * for each term, how many more (or fewer) adults the model expects with the adults' own values of
 * that term than with the average adult's (the training mean), all else as it is. The logistic
 * link makes these effects not add up exactly to the total; each is exact for its own term.
 */
export function explainHousehold(model: CompiledOutcomeModel, adults: readonly RawCase[], take = 3): HouseholdOutlook {
  const p = model.terms.length;
  const values = adults.map((a) => termValues(model, a));
  const probabilities = values.map((v) => probabilityOf(v, model.beta));
  const expected = probabilities.reduce((s, x) => s + x, 0);
  const contributions: OutcomeContribution[] = [];
  if (take > 0) {
    const etas = values.map((v) => {
      let eta = model.beta[0];
      for (let j = 0; j < p; j++) eta += model.beta[j + 1] * v[j];
      return eta;
    });
    for (let j = 0; j < p; j++) {
      let effect = 0;
      for (let a = 0; a < adults.length; a++) {
        const without = etas[a] - model.beta[j + 1] * (values[a][j] - model.means[j]);
        effect += probabilities[a] - 1 / (1 + Math.exp(-without));
      }
      contributions.push({ term: model.terms[j].name, effect, reasonNl: '', reasonEn: '' });
    }
    contributions.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || (a.term < b.term ? -1 : 1));
    contributions.splice(take);
    for (const c of contributions) {
      const j = model.terms.findIndex((t) => t.name === c.term);
      c.reasonNl = `${termWords(model, j, adults, 'nl')} (${signed(c.effect, 'nl')} volwassenen aan het werk tegenover een gemiddelde volwassene)`;
      c.reasonEn = `${termWords(model, j, adults, 'en')} (${signed(c.effect, 'en')} adults in work against an average adult)`;
    }
  }
  return { modelVersion: model.version, adults: adults.length, expected, share: adults.length ? expected / adults.length : 0, probabilities, contributions };
}
