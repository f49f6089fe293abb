import { lazy, Suspense, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { Loading, ProblemMessage } from '../components/Problem';
import { Alert, Button, Field, Heading, Link, Paragraph, Select, Table } from '../components/ui';
import { ScenarioDocument, ScenarioExportDocument, ScenariosDocument, type MetricsFragment, type ScenarioQuery } from '../gql/graphql';
import { useI18n, type MessageKey } from '../i18n/I18n';

// Observable Plot and its d3 modules load only when a finished scenario is shown.
const ScenarioCharts = lazy(() => import('../charts/ScenarioCharts'));

/** Statuses after which a scenario no longer changes (QUEUED and CANCELLED are the job API's to come). */
const FINAL = new Set(['DONE', 'FAILED', 'CANCELLED']);
const POLL_MS = 1000;

type Scenario = NonNullable<ScenarioQuery['scenario']>;
type MetricKey = 'households' | 'householdsPlaced' | 'personsPlaced' | 'meanLinkScore' | 'hardTies' | 'hardTiesHonouredShare' | 'meanDistanceToWorkTieKm' | 'reachableVacanciesPerAdult' | 'gap' | 'greedyPlaced';
const METRICS: { key: MetricKey; kind: 'count' | 'score' | 'share' | 'number' }[] = [
  { key: 'households', kind: 'count' },
  { key: 'householdsPlaced', kind: 'count' },
  { key: 'personsPlaced', kind: 'count' },
  { key: 'meanLinkScore', kind: 'score' },
  { key: 'hardTies', kind: 'count' },
  { key: 'hardTiesHonouredShare', kind: 'share' },
  { key: 'meanDistanceToWorkTieKm', kind: 'number' },
  { key: 'reachableVacanciesPerAdult', kind: 'number' },
  { key: 'gap', kind: 'share' },
  { key: 'greedyPlaced', kind: 'count' },
];

function MetricsTable({ s, other }: { s: Scenario; other?: Scenario | null }) {
  const { t, num, pct } = useI18n();
  const fmt = (kind: string, v: number | null | undefined) => (kind === 'share' ? pct(v) : kind === 'count' ? num(v, 0) : num(v, kind === 'score' ? 3 : 1));
  const rows = [...METRICS.map((m) => ({ ...m, label: t(`metric_${m.key}` as MessageKey) })), { key: 'changedHouseholds' as const, kind: 'count' as const, label: t('metric_changedHouseholds') }];
  const value = (metrics: MetricsFragment | null | undefined, sc: Scenario, key: string) => (key === 'changedHouseholds' ? (metrics === sc.variant ? sc.changedHouseholds : null) : (metrics as Record<string, number | null> | null)?.[key]);
  return (
    <Table
      caption={t('metricsTitle')}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { header: t('colMetric'), cell: (r) => r.label, rowHeader: true },
        { header: t('colBaseline'), cell: (r) => fmt(r.kind, value(s.baseline, s, r.key)), numeric: true },
        { header: `${t('colVariant')}: ${s.name}`, cell: (r) => fmt(r.kind, value(s.variant, s, r.key)), numeric: true },
        { header: t('colDifference'), cell: (r) => (r.key === 'changedHouseholds' ? '' : fmt(r.kind, value(s.difference, s, r.key))), numeric: true },
        ...(other ? [{ header: `${t('colVariant')}: ${other.name}`, cell: (r: (typeof rows)[number]) => fmt(r.kind, value(other.variant, other, r.key)), numeric: true }] : []),
      ]}
    />
  );
}

function Download({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [error, setError] = useState<import('urql').CombinedError | undefined>();
  const download = async () => {
    const res = await client.query(ScenarioExportDocument, { id }, { requestPolicy: 'network-only' }).toPromise();
    setError(res.error);
    if (!res.data?.scenario) return;
    const url = URL.createObjectURL(new Blob([res.data.scenario.export], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${res.data.scenario.name.replace(/[^\w.-]+/g, '_')}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <Button onClick={download}>{t('scenarioDownload')}</Button>
      {error && <ProblemMessage error={error} />}
    </>
  );
}

export default function ScenarioScreen() {
  const { id = '' } = useParams();
  const { t, pct } = useI18n();
  const [res, refetch] = useQuery({ query: ScenarioDocument, variables: { id }, requestPolicy: 'network-only' });
  const [compareId, setCompareId] = useState('');
  const [list] = useQuery({ query: ScenariosDocument, variables: { skip: 0, take: 100 } });
  const [other] = useQuery({ query: ScenarioDocument, variables: { id: compareId }, pause: !compareId });
  const s = res.data?.scenario;
  // Poll until a final status: works whether runScenario answered DONE already or QUEUED/RUNNING.
  useEffect(() => {
    if (!s || FINAL.has(s.status) || res.fetching) return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearTimeout(timer);
  }, [s, res.fetching, refetch]);
  if (res.error && !s) return <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!s) return <Loading />;
  const done = s.status === 'DONE';
  return (
    <>
      <Link to="/scenarios">← {t('scenarioBack')}</Link>
      <Heading level={1}>{t('scenarioTitle', { name: s.name })}</Heading>
      <Paragraph>
        {t(`scenarioStatus_${s.status}`)} · {t('colPeriod')} {s.period} · {t('colCohort')} {s.cohortSize} · {s.variantPolicyVersion}
      </Paragraph>
      {!FINAL.has(s.status) && (
        <div role="status" aria-live="polite">
          <label htmlFor="scenario-progress">{t('scenarioProgress')}</label>{' '}
          <progress id="scenario-progress" className="kr-progress" max={1} value={s.progress} />{' '}
          <span>{t('scenarioRunning', { percent: pct(s.progress, 0) })}</span>
        </div>
      )}
      {s.status === 'FAILED' && <Alert type="error">{t('scenarioFailed', { error: s.error ?? t('unknown') })}</Alert>}
      {done && (
        <>
          <div className="kr-form-row">
            <Download id={s.id} />
            <Field label={t('scenarioCompareWith')}>
              {(ids) => (
                <Select ids={ids} value={compareId} onChange={(e) => setCompareId(e.target.value)}>
                  <option value="">{t('scenarioCompareNone')}</option>
                  {(list.data?.scenarios.items ?? [])
                    .filter((x) => x.id !== s.id && x.status === 'DONE')
                    .map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name}
                      </option>
                    ))}
                </Select>
              )}
            </Field>
          </div>
          {other.error && <ProblemMessage error={other.error} />}
          <MetricsTable s={s} other={compareId ? other.data?.scenario : null} />
          <Suspense fallback={<Paragraph>{t('chartsLoading')}</Paragraph>}>
            <ScenarioCharts scenario={s} />
          </Suspense>
        </>
      )}
    </>
  );
}
