import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Loading, Pager, ProblemMessage } from '../components/Problem';
import { Button, Field, Heading, Link, Paragraph, Select, Table } from '../components/ui';
import { CandidatesDocument, LabourMarketRegionsDocument, type CandidatesQuery, type LegalStatus } from '../gql/graphql';
import { useI18n } from '../i18n/I18n';

const TAKE = 25;
type Row = CandidatesQuery['candidates']['items'][number];
const STATUSES: LegalStatus[] = ['STATUS_HOLDER', 'ASYLUM_SEEKER', 'DISPLACED_UKRAINE'];

export default function CandidatesScreen() {
  const { t, num } = useI18n();
  const [status, setStatus] = useState('');
  const [region, setRegion] = useState('');
  const [filter, setFilter] = useState<{ legalStatus?: LegalStatus; labourMarketRegionCode?: string }>({});
  const [skip, setSkip] = useState(0);
  const [regions] = useQuery({ query: LabourMarketRegionsDocument });
  const [res, refetch] = useQuery({ query: CandidatesDocument, variables: { filter, skip, take: TAKE } });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSkip(0);
    setFilter({ legalStatus: (status || undefined) as LegalStatus | undefined, labourMarketRegionCode: region || undefined });
  };
  const page = res.data?.candidates;
  return (
    <>
      <Heading level={1}>{t('candidatesTitle')}</Heading>
      <form onSubmit={submit} className="kr-form-row">
        <Field label={t('filterLegalStatus')}>
          {(ids) => (
            <Select ids={ids} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('filterAll')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status_${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('queueRegion')}>
          {(ids) => (
            <Select ids={ids} value={region} onChange={(e) => setRegion(e.target.value)}>
              <option value="">{t('queueAllRegions')}</option>
              {(regions.data?.labourMarketRegions ?? []).map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" primary>
          {t('apply')}
        </Button>
      </form>
      {res.error && <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!page && res.fetching && <Loading />}
      {page && page.items.length === 0 && <Paragraph>{t('candidatesEmpty')}</Paragraph>}
      {page && page.items.length > 0 && (
        <>
          <Table<Row>
            caption={t('candidatesTitle')}
            captionHidden
            rows={page.items}
            rowKey={(r) => r.id}
            columns={[
              { header: t('colPseudonym'), cell: (r) => <Link to={`/candidates/${r.id}`}>{r.pseudonym}</Link>, rowHeader: true },
              { header: t('colName'), cell: (r) => r.name ?? '–' },
              { header: t('colExternalId'), cell: (r) => r.externalId ?? '–' },
              { header: t('legalStatus'), cell: (r) => t(`status_${r.legalStatus}`) },
              { header: t('colDutch'), cell: (r) => r.dutchLevel },
              { header: t('colHours'), cell: (r) => num(r.hoursAvailable, 0), numeric: true },
              { header: t('colPlace'), cell: (r) => r.municipality.name },
            ]}
          />
          <Pager skip={skip} take={TAKE} total={page.total} onChange={setSkip} />
        </>
      )}
    </>
  );
}
