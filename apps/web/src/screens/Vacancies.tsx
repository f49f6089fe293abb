import { useState } from 'react';
import { useQuery } from 'urql';
import { Loading, Pager, ProblemMessage } from '../components/Problem';
import { Heading, Link, Paragraph, Table } from '../components/ui';
import { VacanciesDocument, type VacanciesQuery } from '../gql/graphql';
import { useI18n } from '../i18n/I18n';

const TAKE = 25;
type Row = VacanciesQuery['vacancies']['items'][number];

export default function VacanciesScreen() {
  const { t, num, date } = useI18n();
  const [skip, setSkip] = useState(0);
  const [res, refetch] = useQuery({ query: VacanciesDocument, variables: { filter: { openOnly: true }, skip, take: TAKE } });
  const page = res.data?.vacancies;
  return (
    <>
      <Heading level={1}>{t('vacanciesTitle')}</Heading>
      {res.error && <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!page && res.fetching && <Loading />}
      {page && page.items.length === 0 && <Paragraph>{t('vacanciesEmpty')}</Paragraph>}
      {page && page.items.length > 0 && (
        <>
          <Table<Row>
            caption={t('vacanciesTitle')}
            captionHidden
            rows={page.items}
            rowKey={(r) => r.id}
            columns={[
              { header: t('colTitle'), cell: (r) => <Link to={`/vacancies/${r.id}`}>{r.title}</Link>, rowHeader: true },
              { header: t('colEmployer'), cell: (r) => r.employer.name },
              { header: t('colPlace'), cell: (r) => r.municipality.name },
              { header: t('colIsco'), cell: (r) => r.iscoCode },
              { header: t('colHours'), cell: (r) => num(r.hoursPerWeek, 0), numeric: true },
              { header: t('colStart'), cell: (r) => date(r.startDate) },
            ]}
          />
          <Pager skip={skip} take={TAKE} total={page.total} onChange={setSkip} />
        </>
      )}
    </>
  );
}
