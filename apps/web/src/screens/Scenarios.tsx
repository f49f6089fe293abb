import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useComponentLabel } from '../components/Explanation';
import { Loading, Pager, ProblemMessage } from '../components/Problem';
import { Button, Checkbox, Field, Heading, Link, Paragraph, Table, TextInput } from '../components/ui';
import { PolicyDefaultsDocument, RunScenarioDocument, ScenariosDocument, type PolicyOverride, type ScenariosQuery } from '../gql/graphql';
import { useI18n, type MessageKey } from '../i18n/I18n';
import { JOB_WEIGHTS, LINK_WEIGHTS, POLICY_NUMBERS, type NumberKey } from './policy-fields';

const TAKE = 20;
type Row = ScenariosQuery['scenarios']['items'][number];
const parse = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));

function NewScenario() {
  const { t, num, plural } = useI18n();
  const label = useComponentLabel();
  const navigate = useNavigate();
  const [defaults] = useQuery({ query: PolicyDefaultsDocument });
  const [state, run] = useMutation(RunScenarioDocument);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [cohort, setCohort] = useState({ from: '', to: '', limit: '', syntheticOnly: false });
  const [period, setPeriod] = useState('');
  const [numbers, setNumbers] = useState<Partial<Record<NumberKey, string>>>({});
  const [jobWeights, setJobWeights] = useState<Record<string, string>>({});
  const [linkWeights, setLinkWeights] = useState<Record<string, string>>({});
  const [cap, setCap] = useState<{ enabled: boolean | null; weeks: string }>({ enabled: null, weeks: '' });
  const d = defaults.data?.policyDefaults;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError(t('scenarioNameRequired'));
      return;
    }
    setNameError(null);
    // The variant's policy is named after the scenario, in the characters a policy name allows.
    const policyName = name.trim().normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'variant';
    const policy: PolicyOverride = { name: policyName };
    for (const f of POLICY_NUMBERS) {
      const v = parse(numbers[f.key] ?? '');
      if (v !== undefined) (policy as Record<string, unknown>)[f.key] = v;
    }
    const weights = (given: Record<string, string>) => {
      const out = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, parse(v)]).filter(([, v]) => v !== undefined));
      return Object.keys(out).length ? out : undefined;
    };
    policy.jobWeights = weights(jobWeights);
    policy.linkWeights = weights(linkWeights);
    if (cap.enabled !== null || cap.weeks) policy.historicalWorkCap = { enabled: cap.enabled ?? d?.historicalWorkCap.enabled ?? false, weeksPerYear: parse(cap.weeks) };
    const res = await run({
      input: {
        name: name.trim(),
        period: period.trim() || undefined,
        cohort: { arrivedFrom: cohort.from || undefined, arrivedTo: cohort.to || undefined, limit: parse(cohort.limit), syntheticOnly: cohort.syntheticOnly || undefined },
        policy,
        // Answer at once and let the screen poll scenario(id) for progress.
        wait: false,
      },
    });
    if (res.data) navigate(`/scenarios/${res.data.runScenario.id}`);
  };
  // The unit agrees with the value as shown: "nu 1 niveau", "nu 2 niveaus".
  const current = (v: number | null | undefined, unit: MessageKey) => t('policyCurrent', { value: v === null || v === undefined ? '–' : `${num(v, 2)} ${plural(unit, v, 2)}` });
  return (
    <section aria-labelledby="new-scenario">
      <Heading level={2} id="new-scenario">
        {t('scenarioNew')}
      </Heading>
      {defaults.error && <ProblemMessage error={defaults.error} />}
      {state.error && <ProblemMessage error={state.error} />}
      <form onSubmit={submit} noValidate>
        <Field label={t('scenarioName')} error={nameError}>
          {(ids) => <TextInput ids={ids} value={name} onChange={(e) => setName(e.target.value)} name="scenarioName" required />}
        </Field>
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('scenarioCohort')}</legend>
          <div className="kr-form-row">
            <Field label={t('cohortFrom')}>{(ids) => <TextInput ids={ids} type="date" value={cohort.from} onChange={(e) => setCohort({ ...cohort, from: e.target.value })} />}</Field>
            <Field label={t('cohortTo')}>{(ids) => <TextInput ids={ids} type="date" value={cohort.to} onChange={(e) => setCohort({ ...cohort, to: e.target.value })} />}</Field>
            <Field label={t('cohortLimit')}>{(ids) => <TextInput ids={ids} inputMode="numeric" value={cohort.limit} onChange={(e) => setCohort({ ...cohort, limit: e.target.value })} />}</Field>
            <Field label={t('cohortSynthetic')} checkbox>
              {(ids) => <Checkbox ids={ids} checked={cohort.syntheticOnly} onChange={(e) => setCohort({ ...cohort, syntheticOnly: e.target.checked })} />}
            </Field>
          </div>
          <Field label={t('scenarioPeriod')}>{(ids) => <TextInput ids={ids} value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2026-H2" />}</Field>
        </fieldset>
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('policyFields')}</legend>
          {!d && <Loading />}
          {d && (
            <>
              <div className="kr-form-row">
                {POLICY_NUMBERS.map((f) => (
                  <Field key={f.key} label={`${t(`pol_${f.key}`)} (${t(f.unit)})`} hint={current(d[f.key], f.unit)}>
                    {(ids) => (
                      <TextInput
                        ids={ids}
                        inputMode={f.integer ? 'numeric' : 'decimal'}
                        name={f.key}
                        value={numbers[f.key] ?? ''}
                        onChange={(e) => setNumbers({ ...numbers, [f.key]: e.target.value })}
                      />
                    )}
                  </Field>
                ))}
              </div>
              <div className="kr-form-row">
                <Field label={t('pol_historicalWorkCap')} hint={t('policyCurrent', { value: d.historicalWorkCap.enabled ? t('yes') : t('no') })} checkbox>
                  {(ids) => <Checkbox ids={ids} checked={cap.enabled ?? d.historicalWorkCap.enabled} onChange={(e) => setCap({ ...cap, enabled: e.target.checked })} />}
                </Field>
                <Field label={`${t('pol_historicalWorkCapWeeks')} (${t('unit_weeks')})`} hint={current(d.historicalWorkCap.weeksPerYear, 'unit_weeks')}>
                  {(ids) => <TextInput ids={ids} inputMode="numeric" value={cap.weeks} onChange={(e) => setCap({ ...cap, weeks: e.target.value })} />}
                </Field>
              </div>
              {(
                [
                  ['pol_jobWeights', JOB_WEIGHTS, d.jobWeights, jobWeights, setJobWeights],
                  ['pol_linkWeights', LINK_WEIGHTS, d.linkWeights, linkWeights, setLinkWeights],
                ] as const
              ).map(([title, keys, current0, values, set]) => (
                <fieldset key={title} className="utrecht-form-fieldset">
                  <legend className="utrecht-form-fieldset__legend">{t(title)}</legend>
                  <div className="kr-form-row">
                    {keys.map((k) => (
                      <Field key={k} label={`${label(k)} (${t('unit_weight')})`} hint={t('policyCurrent', { value: num((current0 as Record<string, number>)[k], 3) })}>
                        {(ids) => <TextInput ids={ids} inputMode="decimal" value={values[k] ?? ''} onChange={(e) => set({ ...values, [k]: e.target.value })} />}
                      </Field>
                    ))}
                  </div>
                </fieldset>
              ))}
            </>
          )}
        </fieldset>
        <Button type="submit" primary busy={state.fetching} disabled={state.fetching}>
          {t('scenarioRun')}
        </Button>
      </form>
    </section>
  );
}

export default function ScenariosScreen() {
  const { t, num, dateTime } = useI18n();
  const [skip, setSkip] = useState(0);
  const [res, refetch] = useQuery({ query: ScenariosDocument, variables: { skip, take: TAKE }, requestPolicy: 'network-only' });
  const page = res.data?.scenarios;
  return (
    <>
      <Heading level={1}>{t('scenariosTitle')}</Heading>
      <Paragraph>{t('scenariosIntro')}</Paragraph>
      <section aria-labelledby="earlier">
        <Heading level={2} id="earlier">
          {t('scenarioEarlier')}
        </Heading>
        {res.error && <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
        {!page && res.fetching && <Loading />}
        {page && page.items.length === 0 && <Paragraph>{t('scenariosEmpty')}</Paragraph>}
        {page && page.items.length > 0 && (
          <>
            <Table<Row>
              caption={t('scenarioEarlier')}
              captionHidden
              rows={page.items}
              rowKey={(r) => r.id}
              columns={[
                { header: t('scenarioName'), cell: (r) => <Link to={`/scenarios/${r.id}`}>{r.name}</Link>, rowHeader: true },
                { header: t('colStatusKey'), cell: (r) => t(`scenarioStatus_${r.status}`) },
                { header: t('colCohort'), cell: (r) => num(r.cohortSize, 0), numeric: true },
                { header: t('colPeriod'), cell: (r) => r.period },
                { header: t('colCreated'), cell: (r) => dateTime(r.createdAt) },
              ]}
            />
            <Pager skip={skip} take={TAKE} total={page.total} onChange={setSkip} />
          </>
        )}
      </section>
      <NewScenario />
    </>
  );
}
