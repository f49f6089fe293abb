import { randomUUID } from 'crypto';
import { FieldProblem } from '../../common/errors/domain-errors';
import { EmployerInput } from '../employers/dto/employer.input';
import { ResolvedLocation } from '../records/location';
import { ReferenceSnapshot, resolveLocation } from '../reference/reference-index.service';
import { VacancyInput } from './dto/vacancy.input';

export interface VacancyRow {
  id: string;
  externalId: string | null;
  /** An existing employer, or one to upsert inline. */
  employerId: string | null;
  employer: EmployerInput | null;
  title: string;
  description: string | null;
  occupationId: string | null;
  iscoCode: string;
  essentialSkillIds: string[];
  optionalSkillIds: string[];
  minDutchLevel: string;
  englishSuffices: boolean;
  minEnglishLevel: string | null;
  diplomaLevel: string | null;
  regulatedProfession: string | null;
  hoursPerWeek: number;
  contractMonths: number | null;
  monthlyWage: number | null;
  location: ResolvedLocation;
  startDate: string;
  languageCoaching: boolean;
  jobCoach: boolean;
  workPermitWillingness: boolean;
  sector: string | null;
  synthetic: boolean;
}

const addYears = (isoDay: string, years: number) => `${Number(isoDay.slice(0, 4)) + years}${isoDay.slice(4)}`;

/**
 * The checks a class cannot express for a vacancy: the employer, ESCO and ISCO references,
 * skills not both essential and optional, a start date within reason, the location.
 * `employerVisible` says whether an employerId exists for this caller.
 */
export function checkVacancy(
  input: VacancyInput,
  ref: ReferenceSnapshot,
  opts: { path: string; today: string; id?: string; employerVisible: (id: string) => boolean },
): { row?: VacancyRow; problems: FieldProblem[] } {
  const { path } = opts;
  const problems: FieldProblem[] = [];
  const problem = (field: string, rule: string, message: string) => problems.push({ field: field ? `${path}.${field}` : path, rule, message });

  if (!!input.employerId === !!input.employer) problem('employerId', 'oneOf', 'give exactly one of employerId or employer');
  if (input.employerId && !opts.employerVisible(input.employerId)) problem('employerId', 'exists', `employer ${input.employerId} not found`);
  if (input.employer && !input.employer.externalId) problem('employer.externalId', 'isDefined', 'an inline employer needs an externalId, so a re-import finds it again');

  let iscoCode = input.iscoCode ?? null;
  if (input.occupationId) {
    const occ = ref.occupations.get(input.occupationId);
    if (!occ) problem('occupationId', 'exists', `occupationId ${input.occupationId} is not an ESCO occupation`);
    else if (iscoCode && iscoCode !== occ.iscoCode) problem('iscoCode', 'matchesOccupation', `iscoCode ${iscoCode} does not match the occupation's ISCO code ${occ.iscoCode}`);
    else iscoCode = occ.iscoCode;
  } else if (!iscoCode) {
    problem('occupationId', 'occupationOrIsco', 'give an occupationId or an iscoCode');
  } else if (!ref.iscoCodes.has(iscoCode)) {
    problem('iscoCode', 'exists', `iscoCode ${iscoCode} is not an ISCO-08 unit group`);
  }

  const essential = [...new Set(input.essentialSkills ?? [])];
  const optional = [...new Set(input.optionalSkills ?? [])];
  (input.essentialSkills ?? []).forEach((s, i) => {
    if (!ref.skills.has(s)) problem(`essentialSkills[${i}]`, 'exists', `skill ${s} is not an ESCO skill`);
  });
  (input.optionalSkills ?? []).forEach((s, i) => {
    if (!ref.skills.has(s)) problem(`optionalSkills[${i}]`, 'exists', `skill ${s} is not an ESCO skill`);
    else if (essential.includes(s)) problem(`optionalSkills[${i}]`, 'notEssential', `skill ${s} is already essential`);
  });

  if (input.startDate < '2000-01-01' || input.startDate > addYears(opts.today, 3)) {
    problem('startDate', 'withinRange', `startDate ${input.startDate} must lie between 2000-01-01 and three years from today`);
  }
  if (input.minEnglishLevel && !input.englishSuffices) problem('minEnglishLevel', 'needsEnglishSuffices', 'minEnglishLevel applies only when englishSuffices is true');

  const location = resolveLocation(ref, input.location, `${path}.location`);
  if (Array.isArray(location)) problems.push(...location);
  if (problems.length > 0 || Array.isArray(location) || !iscoCode) return { problems };
  return {
    problems,
    row: {
      id: opts.id ?? randomUUID(),
      externalId: input.externalId ?? null,
      employerId: input.employerId ?? null,
      employer: input.employer ?? null,
      title: input.title,
      description: input.description ?? null,
      occupationId: input.occupationId ?? null,
      iscoCode,
      essentialSkillIds: essential,
      optionalSkillIds: optional,
      minDutchLevel: input.minDutchLevel,
      englishSuffices: input.englishSuffices ?? false,
      minEnglishLevel: input.minEnglishLevel ?? null,
      diplomaLevel: input.diplomaRequirement?.level ?? null,
      regulatedProfession: input.diplomaRequirement?.regulatedProfession ?? null,
      hoursPerWeek: input.hoursPerWeek,
      contractMonths: input.contractMonths ?? null,
      monthlyWage: input.monthlyWage ?? null,
      location,
      startDate: input.startDate,
      languageCoaching: input.languageCoaching ?? false,
      jobCoach: input.jobCoach ?? false,
      workPermitWillingness: input.workPermitWillingness ?? false,
      sector: input.sector ?? null,
      synthetic: input.synthetic ?? false,
    },
  };
}
