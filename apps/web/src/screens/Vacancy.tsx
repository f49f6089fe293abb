import { Fragment, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { Explanation, whyShort } from '../components/Explanation';
import { Loading, ProblemMessage } from '../components/Problem';
import { Button, Checkbox, Field, Heading, Link, Paragraph, StatusBadge, TableWrap, TextInput } from '../components/ui';
import { CandidateSuggestionsDocument, VacancyDocument, type CandidateFilter } from '../gql/graphql';
import { useI18n } from '../i18n/I18n';

const numberOrUndefined = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));

export default function VacancyScreen() {
  const { id = '' } = useParams();
  const { t, num, date, plural, apiLanguage } = useI18n();
  const [form, setForm] = useState({ maxDistanceKm: '', minHours: '', isco: '', minScore: '', includeIneligible: false });
  const [filter, setFilter] = useState<CandidateFilter>({});
  const [open, setOpen] = useState<string | null>(null);
  const [vac] = useQuery({ query: VacancyDocument, variables: { id } });
  const [cands, refetch] = useQuery({ query: CandidateSuggestionsDocument, variables: { vacancyId: id, filter, take: 10, language: apiLanguage }, pause: !vac.data?.vacancy });
  if (vac.error) return <ProblemMessage error={vac.error} />;
  if (!vac.data) return <Loading />;
  const v = vac.data.vacancy;
  if (!v) return <ProblemMessage problem={{ kind: 'NOT_FOUND' }} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter({
      maxDistanceKm: numberOrUndefined(form.maxDistanceKm),
      minHours: numberOrUndefined(form.minHours),
      iscoGroups: form.isco.trim() ? form.isco.split(/[\s,]+/).filter(Boolean) : undefined,
      minScore: numberOrUndefined(form.minScore),
      includeIneligible: form.includeIneligible || undefined,
    });
  };
  const items = cands.data?.candidateSuggestions.items ?? [];
  return (
    <>
      <Link to="/vacancies">← {t('nav_vacancies')}</Link>
      <Heading level={1}>{t('vacancyTitle', { name: v.title })}</Heading>
      <Paragraph>
        {v.employer.name} · {v.municipality.name} · ISCO {v.iscoCode} · {plural('hoursPerWeek', v.hoursPerWeek)} · {t('colStart')} {date(v.startDate)} · {t('dutch')} {v.minDutchLevel}
      </Paragraph>
      <Heading level={2}>{t('candidatesForVacancy')}</Heading>
      <form onSubmit={submit} className="kr-form-row">
        <Field label={t('filterDistance')}>{(ids) => <TextInput ids={ids} inputMode="decimal" value={form.maxDistanceKm} onChange={(e) => setForm({ ...form, maxDistanceKm: e.target.value })} />}</Field>
        <Field label={t('filterMinHours')}>{(ids) => <TextInput ids={ids} inputMode="numeric" value={form.minHours} onChange={(e) => setForm({ ...form, minHours: e.target.value })} />}</Field>
        <Field label={t('filterIsco')}>{(ids) => <TextInput ids={ids} inputMode="numeric" value={form.isco} onChange={(e) => setForm({ ...form, isco: e.target.value })} />}</Field>
        <Field label={t('filterMinScore')}>{(ids) => <TextInput ids={ids} inputMode="decimal" value={form.minScore} onChange={(e) => setForm({ ...form, minScore: e.target.value })} />}</Field>
        <Field label={t('filterIneligible')} checkbox>
          {(ids) => <Checkbox ids={ids} checked={form.includeIneligible} onChange={(e) => setForm({ ...form, includeIneligible: e.target.checked })} />}
        </Field>
        <Button type="submit" primary>
          {t('apply')}
        </Button>
      </form>
      {cands.error && <ProblemMessage error={cands.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!cands.data && cands.fetching && <Loading />}
      {cands.data && items.length === 0 && <Paragraph>{t('candidatesEmpty')}</Paragraph>}
      {items.length > 0 && (
        <TableWrap label={t('candidatesForVacancy')}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption kr-visually-hidden">{t('candidatesForVacancy')}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {[t('colRank'), t('colCandidate'), t('colDutch'), t('colHours'), t('colDistance'), t('colMatchScore'), t('colEligible'), t('colWhy')].map((h) => (
                  <th key={h} scope="col" className="utrecht-table__header-cell">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {items.map((c) => (
                <Fragment key={c.candidate.pseudonym}>
                  <tr className="utrecht-table__row">
                    <td className="utrecht-table__cell kr-numeric">{num(c.rank, 0)}</td>
                    <th scope="row" className="utrecht-table__header-cell">
                      {c.candidate.id ? <Link to={`/candidates/${c.candidate.id}`}>{c.candidate.name ?? c.candidate.pseudonym}</Link> : c.candidate.pseudonym}
                    </th>
                    <td className="utrecht-table__cell">{c.candidate.dutchLevel}</td>
                    <td className="utrecht-table__cell kr-numeric">{num(c.candidate.hoursAvailable, 0)}</td>
                    <td className="utrecht-table__cell kr-numeric">{t('km', { km: num(c.distanceKm, 1) })}</td>
                    <td className="utrecht-table__cell kr-numeric">{num(c.score, 3)}</td>
                    <td className="utrecht-table__cell">
                      <StatusBadge ok={c.eligible}>{c.eligible ? t('yes') : t('no')}</StatusBadge>
                    </td>
                    <td className="utrecht-table__cell">
                      <span>{whyShort(c.components, c.checks)}</span>{' '}
                      <Button aria-expanded={open === c.candidate.pseudonym} onClick={() => setOpen(open === c.candidate.pseudonym ? null : c.candidate.pseudonym)}>
                        {open === c.candidate.pseudonym ? t('hideWhy') : t('showWhy')}
                      </Button>
                    </td>
                  </tr>
                  {open === c.candidate.pseudonym && (
                    <tr className="utrecht-table__row">
                      <td className="utrecht-table__cell" colSpan={8}>
                        <Explanation components={c.components} checks={c.checks} title={c.candidate.pseudonym} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
