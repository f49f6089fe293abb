import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { nl, type Messages } from './nl';

export type Lang = 'nl' | 'en';
export type MessageKey = keyof Messages;
const MESSAGES: Record<Lang, Messages> = { nl, en };
const STORE = 'kansrijk.lang';

export interface I18n {
  lang: Lang;
  /** The API's language enum for reasons (R18). */
  apiLanguage: 'NL' | 'EN';
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /**
   * A message that agrees with a number: `key_one` when the language's plural rules call the
   * number, as shown with `digits` decimals, singular ("1 niveau", "1 level"), `key` otherwise.
   * `{count}` in the message is the number in the language's format.
   */
  plural(key: MessageKey, count: number, digits?: number, vars?: Record<string, string | number>): string;
  /** A number in the language's format (decimal comma in Dutch). */
  num(value: number | null | undefined, digits?: number): string;
  /** A share 0..1 as a percentage. */
  pct(value: number | null | undefined, digits?: number): string;
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
}

const Ctx = createContext<I18n | null>(null);

/** The language this tab chose before (Dutch unless English was chosen). */
export function initialLang(): Lang {
  try {
    return sessionStorage.getItem(STORE) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/** Dutch by default, English one click away; every label and number format follows the choice. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      sessionStorage.setItem(STORE, l);
    } catch {
      // storage refused (private mode): the choice lasts for this page
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
    // Each formatter is made when first used: the first Intl object of a page loads the locale's
    // data (tens of milliseconds), which would otherwise hold up the first render and, with it,
    // the first request to the API.
    const once = <T,>(make: () => T) => {
      let made: T | undefined;
      return () => (made ??= make());
    };
    const numbers = new Map<number, Intl.NumberFormat>();
    const numberFormat = (digits: number) => {
      let f = numbers.get(digits);
      // signDisplay 'negative': a value that rounds to zero shows no minus sign ("-0%" read as a loss).
      if (!f) numbers.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0, signDisplay: 'negative' })));
      return f;
    };
    const percent = once(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'negative' }));
    const date = once(() => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
    const dateTime = once(() => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }));
    // Chosen on the number as shown: 1.004 shown as "1" reads "1 level", 1.5 reads "1.5 levels".
    const pluralRules = new Map<number, Intl.PluralRules>();
    const pluralRule = (digits: number) => {
      let r = pluralRules.get(digits);
      if (!r) pluralRules.set(digits, (r = new Intl.PluralRules(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
      return r;
    };
    const messages = MESSAGES[lang];
    const fill = (text: string, vars?: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, name: string) => (vars && name in vars ? String(vars[name]) : `{${name}}`));
    return {
      lang,
      apiLanguage: lang === 'nl' ? 'NL' : 'EN',
      setLang,
      t: (key, vars) => fill(messages[key], vars),
      plural: (key, count, digits = 0, vars) => {
        const one = (messages as Record<string, string>)[`${key}_one`];
        const text = one !== undefined && pluralRule(digits).select(count) === 'one' ? one : messages[key];
        return fill(text, { ...vars, count: numberFormat(digits).format(count) });
      },
      num: (v, digits = 2) => (v === null || v === undefined || Number.isNaN(v) ? '–' : numberFormat(digits).format(v)),
      pct: (v, digits = 1) =>
        v === null || v === undefined ? '–' : digits === 1 ? percent().format(v) : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, signDisplay: 'negative' }).format(v),
      date: (v) => (v ? date().format(new Date(v.length === 10 ? `${v}T00:00:00Z` : v)) : '–'),
      dateTime: (v) => (v ? dateTime().format(new Date(v)) : '–'),
    };
  }, [lang, setLang]);
  // …and made right after the first render instead, while its requests are on their way.
  useEffect(() => {
    const warm = setTimeout(() => {
      value.num(0);
      value.date('2000-01-01');
    }, 0);
    return () => clearTimeout(warm);
  }, [value]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
