import { dayParts } from './iso-date';

/** Language of an explanation. */
export type Lang = 'nl' | 'en';

const MONTHS: Record<Lang, readonly string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * A number with at most `decimals` decimals (trailing zeros dropped unless `fixed`), grouped in
 * thousands: Dutch "2.245,8" with a decimal comma, English "2,245.8".
 */
export function formatNumber(value: number, lang: Lang, decimals = 1, fixed = false): string {
  let text = value.toFixed(decimals);
  if (!fixed && text.includes('.')) text = text.replace(/\.?0+$/, '');
  if (text === '-0') text = '0';
  const negative = text.startsWith('-');
  const [int, frac] = (negative ? text.slice(1) : text).split('.');
  const group = lang === 'nl' ? '.' : ',';
  const point = lang === 'nl' ? ',' : '.';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return (negative ? '-' : '') + grouped + (frac !== undefined ? point + frac : '');
}

/** An amount in euros with two decimals: "€ 2.245,80" / "€2,245.80". */
export function formatEuro(value: number, lang: Lang): string {
  return lang === 'nl' ? `€ ${formatNumber(value, lang, 2, true)}` : `€${formatNumber(value, lang, 2, true)}`;
}

/** A distance: "12,3 km" / "12.3 km". */
export function formatKm(value: number, lang: Lang): string {
  return `${formatNumber(value, lang, 1)} km`;
}

/** A calendar date: "1 maart 2025" / "1 March 2025". */
export function formatDay(day: number, lang: Lang): string {
  const p = dayParts(day);
  return `${p.day} ${MONTHS[lang][p.month - 1]} ${p.year}`;
}
