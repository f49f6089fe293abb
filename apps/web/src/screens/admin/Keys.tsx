import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Loading, Pager, ProblemMessage } from '../../components/Problem';
import { Alert, Button, Field, Heading, Select, Table, TextInput } from '../../components/ui';
import { ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument, type ApiKeysQuery, type Role } from '../../gql/graphql';
import { useI18n } from '../../i18n/I18n';

const TAKE = 25;
const ROLES: Role[] = ['ADVISER', 'EVALUATOR', 'PLATFORM', 'ADMIN'];
type Row = ApiKeysQuery['apiKeys']['items'][number];

export default function KeysScreen() {
  const { t, date } = useI18n();
  const [skip, setSkip] = useState(0);
  const [res, refetch] = useQuery({ query: ApiKeysDocument, variables: { skip, take: TAKE }, requestPolicy: 'network-only' });
  const [created, create] = useMutation(CreateApiKeyDocument);
  const [revoked, revoke] = useMutation(RevokeApiKeyDocument);
  const [form, setForm] = useState({ role: 'ADVISER' as Role, tenant: '', label: '', expires: '' });
  const [shown, setShown] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShown(null);
    const r = await create({
      input: { role: form.role, label: form.label, tenant: form.tenant.trim() || undefined, expiresAt: form.expires ? `${form.expires}T23:59:59Z` : undefined },
    });
    if (r.data) {
      setShown(r.data.createApiKey.key);
      setForm({ ...form, label: '', tenant: '' });
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const page = res.data?.apiKeys;
  return (
    <>
      <Heading level={1}>{t('keysTitle')}</Heading>
      <section aria-labelledby="new-key">
        <Heading level={2} id="new-key">
          {t('keysNew')}
        </Heading>
        {created.error && <ProblemMessage error={created.error} />}
        {shown && (
          <Alert type="ok">
            <p className="utrecht-paragraph">{t('keyCreated')}</p>
            <p className="kr-key" data-testid="new-key">
              {shown}
            </p>
          </Alert>
        )}
        <form onSubmit={submit} className="kr-form-row" noValidate>
          <Field label={t('keyRole')}>
            {(ids) => (
              <Select ids={ids} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role_${r}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('keyLabel')}>{(ids) => <TextInput ids={ids} value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} />}</Field>
          <Field label={t('keyTenant')}>{(ids) => <TextInput ids={ids} value={form.tenant} onChange={(e) => setForm({ ...form, tenant: e.target.value })} />}</Field>
          <Field label={t('keyExpires')}>{(ids) => <TextInput ids={ids} type="date" value={form.expires} onChange={(e) => setForm({ ...form, expires: e.target.value })} />}</Field>
          <Button type="submit" primary busy={created.fetching}>
            {t('keyCreate')}
          </Button>
        </form>
      </section>
      {revoked.error && <ProblemMessage error={revoked.error} />}
      {res.error && <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!page && res.fetching && <Loading />}
      {page && (
        <>
          <Table<Row>
            caption={t('keysTitle')}
            captionHidden
            rows={page.items}
            rowKey={(r) => r.id}
            columns={[
              { header: t('colLabel'), cell: (r) => r.label, rowHeader: true },
              { header: t('colPrefix'), cell: (r) => <code>{r.prefix}</code> },
              { header: t('colRole'), cell: (r) => t(`role_${r.role}`) },
              { header: t('colTenant'), cell: (r) => r.tenant ?? '–' },
              { header: t('colStatusKey'), cell: (r) => t(`keyStatus_${r.status}`) },
              { header: t('colCreated'), cell: (r) => date(r.createdAt) },
              { header: t('colExpires'), cell: (r) => (r.expiresAt ? date(r.expiresAt) : t('never')) },
              {
                header: t('keyRevoke'),
                cell: (r) =>
                  r.status === 'ACTIVE' ? (
                    <Button
                      aria-label={`${t('keyRevoke')}: ${r.label}`}
                      onClick={async () => {
                        if (!window.confirm(t('keyRevokeConfirm', { label: r.label }))) return;
                        await revoke({ id: r.id });
                        refetch({ requestPolicy: 'network-only' });
                      }}
                    >
                      {t('keyRevoke')}
                    </Button>
                  ) : (
                    '–'
                  ),
              },
            ]}
          />
          <Pager skip={skip} take={TAKE} total={page.total} onChange={setSkip} />
        </>
      )}
    </>
  );
}
