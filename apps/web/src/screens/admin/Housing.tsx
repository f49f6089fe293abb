import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Loading, ProblemMessage } from '../../components/Problem';
import { Alert, Button, Field, Heading, Paragraph, Table, TextInput } from '../../components/ui';
import { HousingTotalsDocument, SetHousingTotalDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/I18n';

export default function HousingScreen() {
  const { t, num, dateTime } = useI18n();
  const [res, refetch] = useQuery({ query: HousingTotalsDocument, requestPolicy: 'network-only' });
  const [state, save] = useMutation(SetHousingTotalDocument);
  const [period, setPeriod] = useState('');
  const [total, setTotal] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await save({ period: period.trim(), total: Number(total) });
    if (r.data) {
      setSaved(true);
      refetch({ requestPolicy: 'network-only' });
    }
  };
  return (
    <>
      <Heading level={1}>{t('housingTitle')}</Heading>
      <Paragraph>{t('housingIntro')}</Paragraph>
      {res.error && <ProblemMessage error={res.error} />}
      {!res.data && res.fetching && <Loading />}
      {res.data && (
        <Table
          caption={t('housingTitle')}
          captionHidden
          rows={res.data.housingNationalTotals}
          rowKey={(r) => r.period}
          columns={[
            { header: t('colPeriod'), cell: (r) => r.period, rowHeader: true },
            { header: t('colTotal'), cell: (r) => num(r.total, 0), numeric: true },
            { header: t('colUpdated'), cell: (r) => dateTime(r.updatedAt) },
          ]}
        />
      )}
      {state.error && <ProblemMessage error={state.error} />}
      {saved && <Alert type="ok">{t('housingSaved')}</Alert>}
      <form onSubmit={submit} className="kr-form-row" noValidate>
        <Field label={t('housingPeriod')}>{(ids) => <TextInput ids={ids} value={period} onChange={(e) => setPeriod(e.target.value)} />}</Field>
        <Field label={t('housingTotal')}>{(ids) => <TextInput ids={ids} inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} />}</Field>
        <Button type="submit" primary busy={state.fetching}>
          {t('housingSet')}
        </Button>
      </form>
    </>
  );
}
