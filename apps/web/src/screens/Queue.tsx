import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { loadHouseholdScreen, loadMap } from '../app/deep-link';
import { Loading, Pager, ProblemMessage } from '../components/Problem';
import { Button, Field, Heading, Link, Paragraph, Select, Table, TextInput } from '../components/ui';
import { HouseholdQueueDocument, LabourMarketRegionsDocument, type HouseholdQueueQuery } from '../gql/graphql';
import { useI18n } from '../i18n/I18n';
import { DaysLeft, householdName } from './household-format';

const TAKE = 25;
type Row = HouseholdQueueQuery['householdQueue']['items'][number];

/** The adviser's queue: households to link, oldest permit first, with the days left (from the API). */
export function Queue() {
  const { t, date, num } = useI18n();
  const [search, setSearch] = useState('');
  const [region, setRegion] = useState('');
  const [applied, setApplied] = useState<{ search?: string; labourMarketRegionCode?: string }>({});
  const [skip, setSkip] = useState(0);
  const [regions] = useQuery({ query: LabourMarketRegionsDocument });
  const [res, refetch] = useQuery({ query: HouseholdQueueDocument, variables: { filter: applied, skip, take: TAKE }, requestPolicy: 'network-only' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSkip(0);
    setApplied({ search: search.trim() || undefined, labourMarketRegionCode: region || undefined });
  };
  const page = res.data?.householdQueue;
  // The next step is a household: its screen and map are fetched once the queue is shown, so
  // opening one waits only for its data.
  const shown = !!page;
  useEffect(() => {
    if (!shown) return;
    void loadHouseholdScreen();
    void loadMap();
  }, [shown]);
  return (
    <>
      <Heading level={1}>{t('queueTitle')}</Heading>
      <Paragraph>{t('queueIntro')}</Paragraph>
      <form onSubmit={submit} role="search" className="kr-form-row">
        <Field label={t('queueSearch')}>{(ids) => <TextInput ids={ids} value={search} onChange={(e) => setSearch(e.target.value)} name="search" />}</Field>
        <Field label={t('queueRegion')}>
          {(ids) => (
            <Select ids={ids} value={region} onChange={(e) => setRegion(e.target.value)} name="region">
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
          {t('search')}
        </Button>
      </form>
      {res.error && <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!page && res.fetching && <Loading />}
      {page && page.items.length === 0 && <Paragraph>{t('queueEmpty')}</Paragraph>}
      {page && page.items.length > 0 && (
        <>
          <Table<Row>
            caption={t('queueTitle')}
            captionHidden
            rows={page.items}
            rowKey={(r) => r.id}
            columns={[
              { header: t('colHousehold'), cell: (r) => <Link to={`/households/${r.id}`}>{householdName(r)}</Link>, rowHeader: true },
              { header: t('colMembers'), cell: (r) => r.members.map((m) => m.pseudonym).join(', ') },
              { header: t('colPermit'), cell: (r) => date(r.permitDate) },
              { header: t('colDeadline'), cell: (r) => date(r.linkDeadline) },
              { header: t('colDaysLeft'), cell: (r) => <DaysLeft days={r.daysLeftToLink} />, numeric: true },
              { header: t('colSize'), cell: (r) => num(r.size, 0), numeric: true },
              { header: t('colAdults'), cell: (r) => num(r.adults, 0), numeric: true },
              { header: t('colHardTies'), cell: (r) => (r.hardTies.length ? r.hardTies.map((h) => `${t(`tie_${h.kind}`)} (${h.municipalityCode})`).join(', ') : t('none')) },
            ]}
          />
          <Pager skip={skip} take={TAKE} total={page.total} onChange={setSkip} />
        </>
      )}
    </>
  );
}
