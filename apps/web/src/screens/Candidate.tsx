import { Fragment, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { Explanation, whyShort } from '../components/Explanation';
import { Loading, ProblemMessage } from '../components/Problem';
import { Button, Checkbox, Field, Heading, Link, Paragraph, StatusBadge, TableWrap, TextInput } from '../components/ui';
import { CandidateDocument, ExplainMatchDocument, JobSuggestionsDocument, type JobFilter } from '../gql/graphql';
import { useI18n } from '../i18n/I18n';

/** Parses a form number, or undefined when empty; the API validates the range and names the field. */
const numberOrUndefined = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));

function Explain({ candidateId }: { candidateId: string }) {
  const { t, num, apiLanguage } = useI18n();
  const [vacancyId, setVacancyId] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [res] = useQuery({ query: ExplainMatchDocument, variables: { candidateId, vacancyId: asked ?? '', language: apiLanguage }, pause: !asked });
  return (
    <section aria-labelledby="explain-title">
      <Heading level={2} id="explain-title">
        {t('explainTitle')}
      </Heading>
      <form
        className="kr-form-row"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(vacancyId.trim() || null);
        }}
      >
        <Field label={t('explainVacancyId')}>{(ids) => <TextInput ids={ids} value={vacancyId} onChange={(e) => setVacancyId(e.target.value)} name="vacancyId" />}</Field>
        <Button type="submit">{t('explainButton')}</Button>
      </form>
      {res.error && <ProblemMessage error={res.error} />}
      {res.data && (
        <>
          <Paragraph>
            {t('colMatchScore')}: <strong>{num(res.data.explainMatch.score, 3)}</strong> · {t('colDistance')}: {t('km', { km: num(res.data.explainMatch.distanceKm, 1) })} ·{' '}
            <StatusBadge ok={res.data.explainMatch.eligible}>{res.data.explainMatch.eligible ? t('yes') : t('no')}</StatusBadge>
          </Paragraph>
          <Explanation components={res.data.explainMatch.components} checks={res.data.explainMatch.checks} />
        </>
      )}
    </section>
  );
}

export default function CandidateScreen() {
  const { id = '' } = useParams();
  const { t, num, plural, apiLanguage } = useI18n();
  const [form, setForm] = useState({ maxDistanceKm: '', isco: '', minScore: '', includeIneligible: false });
  const [filter, setFilter] = useState<JobFilter>({});
  const [open, setOpen] = useState<string | null>(null);
  const [cand] = useQuery({ query: CandidateDocument, variables: { id } });
  const [jobs, refetch] = useQuery({ query: JobSuggestionsDocument, variables: { candidateId: id, filter, take: 10, language: apiLanguage }, pause: !cand.data?.candidate });
  if (cand.error) return <ProblemMessage error={cand.error} />;
  if (!cand.data) return <Loading />;
  const c = cand.data.candidate;
  // Another tenant's candidate answers like one that does not exist (null).
  if (!c) return <ProblemMessage problem={{ kind: 'NOT_FOUND' }} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter({
      maxDistanceKm: numberOrUndefined(form.maxDistanceKm),
      iscoGroups: form.isco.trim() ? form.isco.split(/[\s,]+/).filter(Boolean) : undefined,
      minScore: numberOrUndefined(form.minScore),
      includeIneligible: form.includeIneligible || undefined,
    });
  };
  return (
    <>
      <Link to="/candidates">← {t('nav_candidates')}</Link>
      <Heading level={1}>{t('candidateTitle', { name: c.name ?? c.pseudonym })}</Heading>
      <Paragraph>
        {c.pseudonym} · {t(`status_${c.legalStatus}`)} · {c.municipality.name} · {t('dutch')} {c.dutchLevel}, {t('english')} {c.englishLevel} · {plural('hoursPerWeek', c.hoursAvailable)} ·{' '}
        {t('km', { km: num(c.maxTravelKm, 0) })}
        {c.household && (
          <>
            {' · '}
            <Link to={`/households/${c.household.id}`}>{t('candidateHousehold')}</Link>
          </>
        )}
      </Paragraph>
      <Heading level={2}>{t('jobsTitle')}</Heading>
      <form onSubmit={submit} className="kr-form-row">
        <Field label={t('filterDistance')}>{(ids) => <TextInput ids={ids} inputMode="decimal" value={form.maxDistanceKm} onChange={(e) => setForm({ ...form, maxDistanceKm: e.target.value })} />}</Field>
        <Field label={t('filterIsco')}>{(ids) => <TextInput ids={ids} inputMode="numeric" value={form.isco} onChange={(e) => setForm({ ...form, isco: e.target.value })} />}</Field>
        <Field label={t('filterMinScore')}>{(ids) => <TextInput ids={ids} inputMode="decimal" value={form.minScore} onChange={(e) => setForm({ ...form, minScore: e.target.value })} />}</Field>
        <Field label={t('filterIneligible')} checkbox>
          {(ids) => <Checkbox ids={ids} checked={form.includeIneligible} onChange={(e) => setForm({ ...form, includeIneligible: e.target.checked })} />}
        </Field>
        <Button type="submit" primary>
          {t('apply')}
        </Button>
      </form>
      {jobs.error && <ProblemMessage error={jobs.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!jobs.data && jobs.fetching && <Loading />}
      {jobs.data && jobs.data.jobSuggestions.items.length === 0 && <Paragraph>{t('jobsEmpty')}</Paragraph>}
      {jobs.data && jobs.data.jobSuggestions.items.length > 0 && (
        <TableWrap label={t('jobsTitle')}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption kr-visually-hidden">{t('jobsTitle')}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {[t('colRank'), t('colVacancy'), t('colEmployer'), t('colPlace'), t('colDistance'), t('colMatchScore'), t('colEligible'), t('colWhy')].map((h) => (
                  <th key={h} scope="col" className="utrecht-table__header-cell">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {jobs.data.jobSuggestions.items.map((j) => (
                <Fragment key={j.vacancyId}>
                  <tr className="utrecht-table__row">
                    <td className="utrecht-table__cell kr-numeric">{num(j.rank, 0)}</td>
                    <th scope="row" className="utrecht-table__header-cell">
                      <Link to={`/vacancies/${j.vacancyId}`}>{j.vacancy.title}</Link>
                    </th>
                    <td className="utrecht-table__cell">{j.vacancy.employerName ?? '–'}</td>
                    <td className="utrecht-table__cell">{j.vacancy.municipalityName}</td>
                    <td className="utrecht-table__cell kr-numeric">{t('km', { km: num(j.distanceKm, 1) })}</td>
                    <td className="utrecht-table__cell kr-numeric">{num(j.score, 3)}</td>
                    <td className="utrecht-table__cell">
                      <StatusBadge ok={j.eligible}>{j.eligible ? t('yes') : t('no')}</StatusBadge>
                    </td>
                    <td className="utrecht-table__cell">
                      <span>{whyShort(j.components, j.checks)}</span>{' '}
                      <Button aria-expanded={open === j.vacancyId} onClick={() => setOpen(open === j.vacancyId ? null : j.vacancyId)}>
                        {open === j.vacancyId ? t('hideWhy') : t('showWhy')}
                      </Button>
                    </td>
                  </tr>
                  {open === j.vacancyId && (
                    <tr className="utrecht-table__row">
                      <td className="utrecht-table__cell" colSpan={8}>
                        <Explanation components={j.components} checks={j.checks} title={j.vacancy.title} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Explain candidateId={c.id} />
    </>
  );
}
