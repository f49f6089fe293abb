import { useState } from 'react';
import { useQuery } from 'urql';
import { Loading, ProblemMessage } from '../../components/Problem';
import { Alert, Field, Heading, Paragraph, Select, Table } from '../../components/ui';
import { LabourDemandDocument, LabourDemandInfoDocument, LabourMarketRegionsDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/I18n';

export default function LabourDemandScreen() {
  const { t, num, dateTime } = useI18n();
  const [info] = useQuery({ query: LabourDemandInfoDocument, requestPolicy: 'network-only' });
  const [regions] = useQuery({ query: LabourMarketRegionsDocument });
  const [region, setRegion] = useState('');
  const [figures] = useQuery({ query: LabourDemandDocument, variables: { regionCode: region }, pause: !region });
  const i = info.data?.labourDemandInfo;
  return (
    <>
      <Heading level={1}>{t('labourTitle')}</Heading>
      {info.error && <ProblemMessage error={info.error} />}
      {!i && info.fetching && <Loading />}
      {i && (
        <>
          <Alert type={i.illustrative ? 'warning' : 'info'}>{i.illustrative ? t('labourIllustrative') : t('labourImported')}</Alert>
          <dl>
            <dt>{t('labourSource')}</dt>
            <dd>{i.source ?? '–'}</dd>
            <dt>{t('labourRows')}</dt>
            <dd>{num(i.rows, 0)}</dd>
            <dt>{t('labourLoaded')}</dt>
            <dd>{dateTime(i.loadedAt)}</dd>
          </dl>
        </>
      )}
      <Heading level={2}>{t('labourRegionFigures')}</Heading>
      <Field label={t('queueRegion')}>
        {(ids) => (
          <Select ids={ids} value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">–</option>
            {(regions.data?.labourMarketRegions ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {figures.error && <ProblemMessage error={figures.error} />}
      {figures.data && (
        <Table
          caption={t('labourRegionFigures')}
          rows={figures.data.labourDemand}
          rowKey={(f) => f.iscoGroup}
          columns={[
            { header: t('colIsco'), cell: (f) => `${f.iscoGroup}${f.label ? ` ${f.label}` : ''}`, rowHeader: true },
            { header: t('colTension'), cell: (f) => num(f.tension, 2), numeric: true },
          ]}
        />
      )}
      {!region && <Paragraph muted>{t('queueRegion')}</Paragraph>}
    </>
  );
}
