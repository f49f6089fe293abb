import { CEFR_LEVELS, EDUCATION_LEVELS, formatNumber } from '@kansrijk/scoring';
import type { RawCase } from './raw-case';

type Lang = 'nl' | 'en';

/** One named input of the model: its value from a case, and what it means in words (R18). */
export interface FeatureDefinition {
  name: string;
  /** person: from the profile; location: from the place (and the person's occupations there). */
  kind: 'person' | 'location';
  /** What the feature measures. */
  label: { nl: string; en: string };
  value(c: RawCase): number;
  /** The case's fact behind the value, in words ("Dutch at B1"). */
  describe(c: RawCase, lang: Lang): string;
}

const n = (x: number, lang: Lang, d = 1) => formatNumber(x, lang, d);
const months = (m: number, lang: Lang) => (Number.isNaN(m) ? (lang === 'nl' ? 'onbekend' : 'unknown') : `${n(m, lang, 0)} ${lang === 'nl' ? 'maanden' : 'months'}`);
const ageBandOf = (age: number) => (age < 25 ? '18-24' : age < 35 ? '25-34' : age < 50 ? '35-49' : '50+');
const capped = (x: number, max: number) => Math.min(Math.max(x, 0), max) / max;

/**
 * The features a model may use, each scaled to about [0, 1] so one ridge penalty treats them
 * alike. Person features come from the profile the scoring library knows (R5-R8, legal-status
 * dates); location features from the plain numbers of `OutcomeLocation` (R14). Age enters as
 * bands (25-34 is the reference). Nothing here can read a monitoring attribute (R17).
 */
export const FEATURES: readonly FeatureDefinition[] = [
  {
    name: 'dutch',
    kind: 'person',
    label: { nl: 'Nederlands (ERK-niveau)', en: 'Dutch (CEFR level)' },
    value: (c) => c.dutchStep / 6,
    describe: (c, lang) => (lang === 'nl' ? `Nederlands op ${CEFR_LEVELS[c.dutchStep]}` : `Dutch at ${CEFR_LEVELS[c.dutchStep]}`),
  },
  {
    name: 'english',
    kind: 'person',
    label: { nl: 'Engels (ERK-niveau)', en: 'English (CEFR level)' },
    value: (c) => c.englishStep / 6,
    describe: (c, lang) => (lang === 'nl' ? `Engels op ${CEFR_LEVELS[c.englishStep]}` : `English at ${CEFR_LEVELS[c.englishStep]}`),
  },
  {
    name: 'education',
    kind: 'person',
    label: { nl: 'Opleidingsniveau (hoogste diploma)', en: 'Education level (highest diploma)' },
    value: (c) => c.educationRank / 5,
    describe: (c, lang) => (lang === 'nl' ? `hoogste diploma ${EDUCATION_LEVELS[c.educationRank]}` : `highest diploma ${EDUCATION_LEVELS[c.educationRank]}`),
  },
  {
    name: 'diplomaRecognised',
    kind: 'person',
    label: { nl: 'Diploma gewaardeerd of erkend', en: 'Diploma evaluated or recognised' },
    value: (c) => (c.recognised ? 1 : 0),
    describe: (c, lang) => (c.recognised ? (lang === 'nl' ? 'diploma gewaardeerd of erkend' : 'diploma evaluated or recognised') : lang === 'nl' ? 'geen gewaardeerd diploma' : 'no evaluated diploma'),
  },
  {
    name: 'experience',
    kind: 'person',
    label: { nl: 'Werkervaring (jaren, afnemende meerwaarde)', en: 'Work experience (years, diminishing returns)' },
    value: (c) => Math.log1p(Math.min(c.years, 30)) / Math.log(31),
    describe: (c, lang) => (lang === 'nl' ? `${n(c.years, lang)} jaar werkervaring` : `${n(c.years, lang)} years of work experience`),
  },
  {
    name: 'hours',
    kind: 'person',
    label: { nl: 'Beschikbare uren per week', en: 'Hours available a week' },
    value: (c) => capped(c.hours, 40),
    describe: (c, lang) => (lang === 'nl' ? `${n(c.hours, lang, 0)} uur per week beschikbaar` : `${n(c.hours, lang, 0)} hours a week available`),
  },
  ...(['18-24', '35-49', '50+'] as const).map(
    (band): FeatureDefinition => ({
      name: band === '18-24' ? 'age18to24' : band === '35-49' ? 'age35to49' : 'age50plus',
      kind: 'person',
      label: { nl: `Leeftijd ${band} (tegenover 25-34)`, en: `Age ${band} (against 25-34)` },
      value: (c) => (ageBandOf(c.age) === band ? 1 : 0),
      describe: (c, lang) => (lang === 'nl' ? `leeftijd ${c.age}` : `age ${c.age}`),
    }),
  ),
  {
    name: 'procedureTime',
    kind: 'person',
    label: { nl: 'Duur van de asielprocedure', en: 'Length of the asylum procedure' },
    value: (c) => (Number.isNaN(c.procedureMonths) ? 0 : capped(c.procedureMonths, 36)),
    describe: (c, lang) => (lang === 'nl' ? `asielprocedure ${months(c.procedureMonths, lang)}` : `asylum procedure ${months(c.procedureMonths, lang)}`),
  },
  {
    name: 'timeSincePermit',
    kind: 'person',
    label: { nl: 'Tijd sinds de verblijfsvergunning', en: 'Time since the residence permit' },
    value: (c) => (Number.isNaN(c.monthsSincePermit) ? 0 : capped(c.monthsSincePermit, 24)),
    describe: (c, lang) => (lang === 'nl' ? `${months(c.monthsSincePermit, lang)} sinds de vergunning` : `${months(c.monthsSincePermit, lang)} since the permit`),
  },
  {
    name: 'zRoute',
    kind: 'person',
    label: { nl: 'Inburgering via de Z-route', en: 'Civic integration on the Z route' },
    value: (c) => (c.integrationRoute === 'Z' ? 1 : 0),
    describe: (c, lang) => (c.integrationRoute === 'Z' ? (lang === 'nl' ? 'Z-route' : 'Z route') : lang === 'nl' ? 'geen Z-route' : 'not the Z route'),
  },
  {
    name: 'asylumSeeker',
    kind: 'person',
    label: { nl: 'Asielzoeker (nog geen vergunning, R1)', en: 'Asylum seeker (no permit yet, R1)' },
    value: (c) => (c.legalStatus === 'ASYLUM_SEEKER' ? 1 : 0),
    describe: (c, lang) => (c.legalStatus === 'ASYLUM_SEEKER' ? (lang === 'nl' ? 'asielzoeker' : 'asylum seeker') : lang === 'nl' ? 'geen asielzoeker' : 'not an asylum seeker'),
  },
  {
    name: 'labourDemand',
    kind: 'location',
    label: { nl: 'Vraag naar de eigen beroepen in de regio', en: 'Demand for their occupations in the region' },
    // tension / (tension + 1): 0.5 at one vacancy per short-term unemployed; no figure = 0.5.
    value: (c) => (c.tension === null ? 0.5 : c.tension / (c.tension + 1)),
    describe: (c, lang) =>
      c.tension === null ? (lang === 'nl' ? 'geen cijfer voor de arbeidsmarktspanning' : 'no labour-market tension figure') : lang === 'nl' ? `spanning ${n(c.tension, lang, 2)}` : `tension ${n(c.tension, lang, 2)}`,
  },
  {
    name: 'reachableVacancies',
    kind: 'location',
    label: { nl: 'Bereikbare passende vacatures', en: 'Reachable eligible vacancies' },
    // log10(1 + n) / 3: 1 at about 1,000 vacancies, each tenfold the same step.
    value: (c) => Math.log10(1 + c.reachable) / 3,
    describe: (c, lang) => (lang === 'nl' ? `${n(c.reachable, lang, 0)} bereikbare vacatures` : `${n(c.reachable, lang, 0)} reachable vacancies`),
  },
  {
    name: 'tieNearby',
    kind: 'location',
    label: { nl: 'Nabijheid van familie, werk of school', en: 'Closeness of family, work or school' },
    // exp(-km / 25): 1 in the municipality itself, 0.14 at 50 km; 0 without a tie.
    value: (c) => (c.tieKm === null ? 0 : Math.exp(-c.tieKm / 25)),
    describe: (c, lang) => (c.tieKm === null ? (lang === 'nl' ? 'geen binding' : 'no tie') : lang === 'nl' ? `binding op ${n(c.tieKm, lang, 0)} km` : `tie ${n(c.tieKm, lang, 0)} km away`),
  },
  {
    name: 'municipalitySize',
    kind: 'location',
    label: { nl: 'Omvang van de gemeente', en: 'Size of the municipality' },
    // log10(population) - 4: 0 at 10,000 inhabitants, 1 at 100,000, 1.9 for Amsterdam.
    value: (c) => Math.log10(c.population) - 4,
    describe: (c, lang) => (lang === 'nl' ? `${n(c.population, lang, 0)} inwoners` : `${n(c.population, lang, 0)} inhabitants`),
  },
];

const BY_NAME = new Map(FEATURES.map((f) => [f.name, f]));

/** The definition of a base feature, or undefined. */
export function featureDefinition(name: string): FeatureDefinition | undefined {
  return BY_NAME.get(name);
}

/**
 * The features a new model uses unless told otherwise: every base feature but `asylumSeeker`
 * (links are made for permit holders, R2), and four interactions where the labour-market
 * literature expects one: language and experience count more where demand is high, English
 * more in large municipalities, hours more where there is work to reach.
 */
export const DEFAULT_FEATURES: readonly string[] = [
  ...FEATURES.filter((f) => f.name !== 'asylumSeeker').map((f) => f.name),
  'dutch*labourDemand',
  'experience*labourDemand',
  'english*municipalitySize',
  'hours*reachableVacancies',
];
