import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Loading, Pager, ProblemMessage } from '../../components/Problem';
import { Button, Field, Heading, Table, TextInput } from '../../components/ui';
import { AuditLogDocument, type AuditLogFilter, type AuditLogQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/I18n';

const TAKE = 25;
type Row = AuditLogQuery['auditLog']['items'][number];

export default function AuditScreen() {
  const { t, dateTime } = useI18n();
  const [form, setForm] = useState({ action: '', actorKeyId: '', subjectRef: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditLogFilter>({});
  const [skip, setSkip] = useState(0);
  const [res, refetch] = useQuery({ query: AuditLogDocument, variables: { filter, skip, take: TAKE }, requestPolicy: 'network-only' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSkip(0);
    setFilter({
      action: form.action.trim() || undefined,
      actorKeyId: form.actorKeyId.trim() || undefined,
      subjectRef: form.subjectRef.trim() || undefined,
      from: form.from ? new Date(`${form.from}T00:00:00`).toISOString() : undefined,
      to: form.to ? new Date(`${form.to}T00:00:00`).toISOString() : undefined,
    });
  };
  const page = res.data?.auditLog;
  return (
    <>
      <Heading level={1}>{t('auditTitle')}</Heading>
      <form onSubmit={submit} className="kr-form-row">
        <Field label={t('auditAction')}>{(ids) => <TextInput ids={ids} value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })} />}</Field>
        <Field label={t('auditActor')}>{(ids) => <TextInput ids={ids} value={form.actorKeyId} onChange={(e) => setForm({ ...form, actorKeyId: e.target.value })} />}</Field>
        <Field label={t('auditSubject')}>{(ids) => <TextInput ids={ids} value={form.subjectRef} onChange={(e) => setForm({ ...form, subjectRef: e.target.value })} />}</Field>
        <Field label={t('auditFrom')}>{(ids) => <TextInput ids={ids} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />}</Field>
        <Field label={t('auditTo')}>{(ids) => <TextInput ids={ids} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />}</Field>
        <Button type="submit" primary>
          {t('apply')}
        </Button>
      </form>
      {res.error && <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!page && res.fetching && <Loading />}
      {page && (
        <>
          <Table<Row>
            caption={t('auditTitle')}
            captionHidden
            rows={page.items}
            rowKey={(r) => r.id}
            columns={[
              { header: t('colAt'), cell: (r) => dateTime(r.at), rowHeader: true },
              { header: t('colAction'), cell: (r) => r.action },
              { header: t('colActor'), cell: (r) => `${r.actorRole ?? '–'}${r.actorTenant ? ` (${r.actorTenant})` : ''}` },
              { header: t('colSubjects'), cell: (r) => `${r.subjectType ?? ''} ${r.subjectRefs.slice(0, 3).join(', ')}${r.subjectRefs.length > 3 ? ' …' : ''}` },
              { header: t('colDetails'), cell: (r) => <pre className="kr-pre">{r.details}</pre> },
            ]}
          />
          <Pager skip={skip} take={TAKE} total={page.total} onChange={setSkip} />
        </>
      )}
    </>
  );
}
