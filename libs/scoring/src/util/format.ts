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
  // Explanations format a few hundred numbers per list: string scans rather than regular
  // expressions, and the grouping expression only when there are thousands to group.
  if (!fixed && text.includes('.')) {
    let end = text.length;
    while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
    if (text.charCodeAt(end - 1) === 46 /* . */) end--;
    text = text.slice(0, end);
  }
  if (text === '-0') text = '0';
  const negative = text.charCodeAt(0) === 45; /* - */
  const dot = text.indexOf('.');
  let int = text.slice(negative ? 1 : 0, dot === -1 ? text.length : dot);
  if (int.length > 3) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'nl' ? '.' : ',');
  return (negative ? '-' : '') + int + (dot === -1 ? '' : (lang === 'nl' ? ',' : '.') + text.slice(dot + 1));
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
