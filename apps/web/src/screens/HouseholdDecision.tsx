import { useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { problemOf, type Problem } from '../api/errors';
import { ProblemMessage } from '../components/Problem';
import { Alert, Button, Checkbox, Field, Heading, Paragraph, Select, StatusBadge, TextArea, TextInput } from '../components/ui';
import { CheckRelinkingDocument, RecordLinkDecisionDocument, type CheckRelinkingQuery, type HouseholdQuery, type LinkDecisionInput, type RelinkingInput } from '../gql/graphql';
import { useI18n } from '../i18n/I18n';

type Suggestions = HouseholdQuery['municipalitySuggestions'];
type Score = Suggestions['scores'][number];
type Relinking = CheckRelinkingQuery['checkRelinking'];

/** The hard rules an adviser may knowingly depart from, with a justification; the API says which (R11, R12). */
const OVERRIDABLE = ['R12', 'R11'] as const;
/** The API's minimum length of a justification. */
const MIN_JUSTIFICATION = 30;

interface JobFields {
  iscoCode: string;
  municipalityCode: string;
  contractMonths: string;
  signedContract: boolean;
  monthlyWage: string;
  payslip: boolean;
  housingOffered: boolean;
  integrationStarted: boolean;
}

const emptyJob: JobFields = { iscoCode: '', municipalityCode: '', contractMonths: '', signedContract: true, monthlyWage: '', payslip: false, housingOffered: false, integrationStarted: false };

/** The form's re-link fields as the API's input; every R15 condition is judged by the API, not here. */
function relinkingInput(job: JobFields): RelinkingInput {
  const months = job.contractMonths.trim() === '' ? null : Number(job.contractMonths);
  const wage = job.monthlyWage.trim() === '' ? null : Number(job.monthlyWage.replace(',', '.'));
  return {
    housingOffered: job.housingOffered,
    integrationStarted: job.integrationStarted,
    job: {
      iscoCode: job.iscoCode.trim() || null,
      municipalityCode: job.municipalityCode || null,
      contractMonths: months,
      signedContract: job.signedContract,
      monthlyWage: wage,
      payslip: job.payslip,
    },
  };
}

/**
 * The adviser's decision (R19): a municipality and a reason; a municipality a hard rule excludes
 * only as a visible override with a justification (human oversight), and a household already
 * linked elsewhere only as a re-link with the job it rests on (R15), checked by the API first.
 */
export function Decision({
  householdId,
  suggestions,
  scores,
  current,
  chosen,
  onChosen,
  onDone,
}: {
  householdId: string;
  suggestions: Suggestions;
  scores: Score[];
  /** The municipality the household is linked to now, if any. */
  current: string | null;
  chosen: string;
  onChosen(code: string): void;
  onDone(): void;
}) {
  const { t, apiLanguage } = useI18n();
  const client = useClient();
  const [reason, setReason] = useState('');
  const [justification, setJustification] = useState('');
  const [rules, setRules] = useState<string[]>([]);
  const [job, setJob] = useState<JobFields>(emptyJob);
  const [relinkCheck, setRelinkCheck] = useState<{ result?: Relinking; problem?: Problem | null } | null>(null);
  const [errors, setErrors] = useState<{ municipality?: string; reason?: string; justification?: string; rules?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [state, record] = useMutation(RecordLinkDecisionDocument);
  const top = suggestions.items[0];
  const byName = (a: Score, b: Score) => a.municipalityName.localeCompare(b.municipalityName);
  const nameOf = (code: string) => scores.find((s) => s.municipalityCode === code)?.municipalityName ?? code;
  const eligible = scores.filter((s) => s.eligible).sort(byName);
  const excluded = scores.filter((s) => !s.eligible).sort(byName);
  const chosenScore = scores.find((s) => s.municipalityCode === chosen);
  const override = !!chosenScore && !chosenScore.eligible;
  const relink = !!current && !!chosen && chosen !== current;

  const choose = (code: string) => {
    onChosen(code);
    const s = scores.find((x) => x.municipalityCode === code);
    // The rule the API named as excluding it is proposed; the adviser confirms or adds the other.
    setRules(s && !s.eligible && s.excludedBy ? [s.excludedBy] : []);
    setRelinkCheck(null);
  };
  const setJobField = <K extends keyof JobFields>(k: K, v: JobFields[K]) => {
    setJob((j) => ({ ...j, [k]: v }));
    setRelinkCheck(null);
  };
  const checkRelink = async () => {
    const res = await client.query(CheckRelinkingDocument, { householdId, input: relinkingInput(job), language: apiLanguage }, { requestPolicy: 'network-only' }).toPromise();
    setRelinkCheck(res.error ? { problem: problemOf(res.error) } : { result: res.data?.checkRelinking });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = {
      municipality: chosen ? undefined : t('decisionMunicipalityMissing'),
      reason: reason.trim().length >= 3 ? undefined : t('decisionReasonMissing'),
      rules: override && rules.length === 0 ? t('overrideRulesMissing') : undefined,
      justification: override && justification.trim().length < MIN_JUSTIFICATION ? t('overrideJustificationMissing', { n: MIN_JUSTIFICATION }) : undefined,
    };
    setErrors(problems);
    if (Object.values(problems).some(Boolean)) return;
    const input: LinkDecisionInput = { householdId, municipalityCode: chosen, reason: reason.trim(), suggestionId: suggestions.suggestionId };
    if (override) {
      input.overrideHardRules = rules;
      input.justification = justification.trim();
    }
    if (relink) input.relinking = relinkingInput(job);
    const res = await record({ input });
    if (!res.error) {
      setSaved(nameOf(chosen));
      onChosen('');
      setRules([]);
      setReason('');
      setJustification('');
      setJob(emptyJob);
      setRelinkCheck(null);
      onDone();
    }
  };

  return (
    <section aria-labelledby="decision-title">
      <Heading level={2} id="decision-title">
        {t('decisionTitle')}
      </Heading>
      {saved && <Alert type="ok">{t('decisionSaved', { name: saved })}</Alert>}
      {state.error && <ProblemMessage error={state.error} />}
      {current && <Paragraph>{t('decisionCurrent', { name: nameOf(current) })}</Paragraph>}
      <form onSubmit={submit} noValidate>
        <Field label={t('decisionMunicipality')} error={errors.municipality}>
          {(ids) => (
            <Select ids={ids} value={chosen} onChange={(e) => choose(e.target.value)} name="municipality">
              <option value="">{t('decisionChoose')}</option>
              <optgroup label={t('decisionEligibleGroup')}>
                {eligible.map((s) => (
                  <option key={s.municipalityCode} value={s.municipalityCode}>
                    {s.municipalityName}
                  </option>
                ))}
              </optgroup>
              {excluded.length > 0 && (
                <optgroup label={t('decisionExcludedGroup')}>
                  {excluded.map((s) => (
                    <option key={s.municipalityCode} value={s.municipalityCode}>
                      {s.municipalityName} ({s.excludedBy ?? t('failed')})
                    </option>
                  ))}
                </optgroup>
              )}
            </Select>
          )}
        </Field>
        {top && chosen && (
          <Paragraph>
            <span data-testid="follows">{chosen === top.municipalityCode ? t('decisionFollows', { name: top.municipalityName }) : t('decisionDeviates', { name: top.municipalityName })}</span>
          </Paragraph>
        )}
        {override && (
          <fieldset className="kr-fieldset" data-testid="override">
            <legend>{t('overrideLegend', { name: nameOf(chosen) })}</legend>
            <Alert type="warning">
              <Paragraph>{t('overrideWarning', { rule: chosenScore?.excludedBy ?? '' })}</Paragraph>
            </Alert>
            {errors.rules && <div className="utrecht-form-field-error-message">{errors.rules}</div>}
            {OVERRIDABLE.map((rule) => (
              <Field key={rule} label={t(`overrideRule_${rule}`)} checkbox>
                {(ids) => (
                  <Checkbox
                    ids={ids}
                    name={`override-${rule}`}
                    checked={rules.includes(rule)}
                    onChange={(e) => setRules((rs) => (e.target.checked ? [...rs, rule] : rs.filter((r) => r !== rule)))}
                  />
                )}
              </Field>
            ))}
            <Field label={t('overrideJustificationLabel')} hint={t('overrideJustificationHint', { n: MIN_JUSTIFICATION })} error={errors.justification}>
              {(ids) => <TextArea ids={ids} value={justification} onChange={(e) => setJustification(e.target.value)} name="justification" rows={3} aria-required="true" />}
            </Field>
          </fieldset>
        )}
        {relink && (
          <fieldset className="kr-fieldset" data-testid="relink">
            <legend>{t('relinkLegend', { from: nameOf(current!), to: nameOf(chosen) })}</legend>
            <Paragraph muted>{t('relinkIntro')}</Paragraph>
            <Field label={t('relinkIsco')} hint={t('relinkIscoHint')}>
              {(ids) => <TextInput ids={ids} value={job.iscoCode} onChange={(e) => setJobField('iscoCode', e.target.value)} name="relink-isco" inputMode="numeric" />}
            </Field>
            <Field label={t('relinkWorkplace')}>
              {(ids) => (
                <Select ids={ids} value={job.municipalityCode} onChange={(e) => setJobField('municipalityCode', e.target.value)} name="relink-workplace">
                  <option value="">{t('decisionChoose')}</option>
                  {[...scores].sort(byName).map((s) => (
                    <option key={s.municipalityCode} value={s.municipalityCode}>
                      {s.municipalityName}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('relinkContractMonths')} hint={t('relinkContractMonthsHint')}>
              {(ids) => <TextInput ids={ids} value={job.contractMonths} onChange={(e) => setJobField('contractMonths', e.target.value)} name="relink-months" inputMode="numeric" />}
            </Field>
            <Field label={t('relinkSigned')} checkbox>
              {(ids) => <Checkbox ids={ids} name="relink-signed" checked={job.signedContract} onChange={(e) => setJobField('signedContract', e.target.checked)} />}
            </Field>
            <Field label={t('relinkWage')}>
              {(ids) => <TextInput ids={ids} value={job.monthlyWage} onChange={(e) => setJobField('monthlyWage', e.target.value)} name="relink-wage" inputMode="decimal" />}
            </Field>
            <Field label={t('relinkPayslip')} checkbox>
              {(ids) => <Checkbox ids={ids} name="relink-payslip" checked={job.payslip} onChange={(e) => setJobField('payslip', e.target.checked)} />}
            </Field>
            <Field label={t('relinkHousingOffered')} checkbox>
              {(ids) => <Checkbox ids={ids} name="relink-housing" checked={job.housingOffered} onChange={(e) => setJobField('housingOffered', e.target.checked)} />}
            </Field>
            <Field label={t('relinkIntegrationStarted')} checkbox>
              {(ids) => <Checkbox ids={ids} name="relink-integration" checked={job.integrationStarted} onChange={(e) => setJobField('integrationStarted', e.target.checked)} />}
            </Field>
            <Button onClick={checkRelink}>{t('relinkCheck')}</Button>
            {relinkCheck?.problem && <ProblemMessage problem={relinkCheck.problem} />}
            {relinkCheck?.result && (
              <div data-testid="relink-checks">
                <Paragraph>
                  <StatusBadge ok={relinkCheck.result.allowed}>{relinkCheck.result.allowed ? t('relinkAllowed') : t('relinkRefused')}</StatusBadge>
                </Paragraph>
                <ul className="utrecht-unordered-list">
                  {relinkCheck.result.checks.map((c, i) => (
                    <li key={i} className="utrecht-unordered-list__item">
                      <StatusBadge ok={c.passed}>{c.passed ? t('passed') : t('failed')}</StatusBadge> {c.rule}: {c.reason}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </fieldset>
        )}
        <Field label={t('decisionReason')} hint={t('decisionReasonHint')} error={errors.reason}>
          {(ids) => <TextArea ids={ids} value={reason} onChange={(e) => setReason(e.target.value)} name="reason" rows={3} aria-required="true" />}
        </Field>
        <Button type="submit" primary busy={state.fetching} disabled={state.fetching}>
          {state.fetching ? t('saving') : override ? t('overrideSubmit') : t('decisionSubmit')}
        </Button>
      </form>
    </section>
  );
}
