import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { problemOf } from '../api/errors';
import { doneWithDeepLink, fromDeepLink, loadedMap, loadMap } from '../app/deep-link';
import { useIdentity } from '../app/Identity';
import { Explanation } from '../components/Explanation';
import { Loading, ProblemMessage } from '../components/Problem';
import { Alert, Button, Heading, Link, Paragraph, StatusBadge, Table } from '../components/ui';
import { ExplainLinkDocument, HouseholdDocument, type HouseholdQuery } from '../gql/graphql';
import { useI18n } from '../i18n/I18n';
import { DaysLeft, householdName } from './household-format';
import { Decision } from './HouseholdDecision';

type Data = NonNullable<HouseholdQuery['household']>;
type Suggestions = HouseholdQuery['municipalitySuggestions'];
type Member = Data['members'][number];
type Score = Suggestions['scores'][number];

function Members({ members, nameOf }: { members: Member[]; nameOf(code: string): string }) {
  const { t, date, plural } = useI18n();
  return (
    <Table<Member>
      caption={t('members')}
      rows={members}
      rowKey={(m) => m.id}
      columns={[
        { header: t('member'), cell: (m) => m.name ?? m.pseudonym, rowHeader: true },
        { header: t('birthDate'), cell: (m) => date(m.birthDate) },
        { header: t('legalStatus'), cell: (m) => `${t(`status_${m.legalStatus}`)}${m.permitDate ? `, ${date(m.permitDate)}` : ''}` },
        { header: t('language'), cell: (m) => `${t('dutch')} ${m.dutchLevel}, ${t('english')} ${m.englishLevel}${m.integrationRoute ? ` (${t('integrationRoute', { route: m.integrationRoute })})` : ''}` },
        { header: t('diplomas'), cell: (m) => (m.diplomas.length ? m.diplomas.map((d) => `${d.level} (${t(`diploma_${d.status}`)})`).join(', ') : t('none')) },
        { header: t('work'), cell: (m) => (m.occupations.length ? m.occupations.map((o) => `ISCO ${o.iscoCode}: ${plural('years', o.years, 1)}`).join(', ') : t('none')) },
        {
          header: t('ties'),
          cell: (m) =>
            m.ties.length
              ? m.ties
                  .map((x) => `${t(`tie_${x.kind}`)} ${nameOf(x.municipalityCode)}${x.hoursPerWeek ? `, ${plural('hoursPerWeek', x.hoursPerWeek)}` : ''}`)
                  .join('; ')
              : t('none'),
        },
      ]}
    />
  );
}

function Selected({ householdId, code, suggestions, onClose }: { householdId: string; code: string; suggestions: Suggestions; onClose(): void }) {
  const { t, num, plural, apiLanguage } = useI18n();
  const listed = suggestions.items.find((i) => i.municipalityCode === code);
  const [res] = useQuery({ query: ExplainLinkDocument, variables: { householdId, municipalityCode: code, language: apiLanguage }, pause: !!listed });
  const item = listed ?? res.data?.explainLink;
  return (
    <section aria-labelledby="selected-title" data-testid="selected">
      <Heading level={2} id="selected-title">
        {t('selectedTitle', { name: item?.municipalityName ?? code })}
      </Heading>
      <Button onClick={onClose}>{t('selectedClose')}</Button>
      {res.error && <ProblemMessage error={res.error} />}
      {!item && res.fetching && <Loading />}
      {item && (
        <>
          <Paragraph>
            {t('colScore')}: <strong>{num(item.score, 3)}</strong> · {t('colCapacity')}:{' '}
            {item.capacityLeft === null ? t('capacityUnknown') : plural('capacityPersons', item.capacityLeft)} ·{' '}
            <StatusBadge ok={item.eligible}>{item.eligible ? t('eligible') : t('failed')}</StatusBadge>
          </Paragraph>
          <Explanation components={item.components} checks={item.checks} title={item.municipalityName} />
          {item.reachable.length > 0 && (
            <Table
              caption={t('reachableTitle')}
              rows={item.reachable}
              rowKey={(r) => r.pseudonym}
              columns={[
                { header: t('colPerson'), cell: (r) => r.pseudonym, rowHeader: true },
                { header: t('colVacancies'), cell: (r) => num(r.eligibleVacancies, 0), numeric: true },
                { header: t('colMeanBest'), cell: (r) => num(r.meanBestScore, 3), numeric: true },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}

function History({ decisions, scores }: { decisions: HouseholdQuery['linkDecisions']; scores: Score[] }) {
  const { t, dateTime } = useI18n();
  const nameOf = (code: string) => scores.find((s) => s.municipalityCode === code)?.municipalityName ?? code;
  return (
    <section aria-labelledby="history-title">
      <Heading level={2} id="history-title">
        {t('historyTitle')}
      </Heading>
      {decisions.length === 0 ? (
        <Paragraph>{t('historyEmpty')}</Paragraph>
      ) : (
        <Table
          caption={t('historyTitle')}
          captionHidden
          rows={decisions}
          rowKey={(d) => d.id}
          columns={[
            { header: t('colDecidedAt'), cell: (d) => dateTime(d.decidedAt), rowHeader: true },
            { header: t('colDecidedBy'), cell: (d) => d.decidedBy ?? t('unknown') },
            { header: t('colMunicipality'), cell: (d) => `${nameOf(d.municipalityCode)}${d.supersededAt ? ` (${t('superseded')})` : ''}` },
            { header: t('colReason'), cell: (d) => d.reason },
            { header: t('colFollowed'), cell: (d) => (d.followedTopSuggestion === null ? '–' : d.followedTopSuggestion ? t('yes') : t('no')) },
            { header: t('colOverride'), cell: (d) => <DecisionFlags decision={d} /> },
          ]}
        />
      )}
    </section>
  );
}

/** Human oversight made visible: an override names the rules departed from, the justification and the broken checks; a re-link says so. */
function DecisionFlags({ decision: d }: { decision: HouseholdQuery['linkDecisions'][number] }) {
  const { t, lang } = useI18n();
  if (!d.override && !d.relink) return <>{t('noOverride')}</>;
  const broken = d.checks.filter((c) => !c.passed);
  return (
    <div>
      {d.relink && <strong className="decision-flag">{t('relinkFlag')}</strong>}
      {d.override && (
        <>
          <strong className="decision-flag decision-flag--override">{t('overrideFlag', { rules: d.overriddenRules.join(', ') })}</strong>
          <div>
            {t('overrideJustification')}: {d.justification}
          </div>
          <ul>
            {broken.map((c, i) => (
              <li key={i}>
                {c.rule}: {lang === 'en' ? c.reasonEn : c.reasonNl}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The map's content as a table (WCAG 1.1.1), every municipality with its score, capacity and
 * exclusion. Its 342 rows are built when it is opened, not with the screen: closed, they would
 * be most of the screen's elements for nobody to see.
 */
function MapAsList({ scores, onSelect }: { scores: Score[]; onSelect(code: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="utrecht-link">{t('mapAsList')}</summary>
      {open && <MapTable scores={scores} onSelect={onSelect} />}
    </details>
  );
}

function MapTable({ scores, onSelect }: { scores: Score[]; onSelect(code: string): void }) {
  const { t, num } = useI18n();
  const rows = [...scores].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.municipalityName.localeCompare(b.municipalityName));
  return (
    <Table<Score>
      caption={t('mapAsList')}
      rows={rows}
      rowKey={(s) => s.municipalityCode}
      columns={[
        { header: t('colMunicipality'), cell: (s) => s.municipalityName, rowHeader: true },
        { header: t('colScore'), cell: (s) => (s.score === null ? '–' : num(s.score, 3)), numeric: true },
        { header: t('colCapacity'), cell: (s) => (s.capacityLeft === null ? t('capacityUnknown') : num(s.capacityLeft, 0)), numeric: true },
        { header: t('colStatus'), cell: (s) => (s.eligible ? t('eligible') : s.excludedBy === 'R11' ? t('excludedR11') : t('excludedR12')) },
        {
          header: t('select'),
          cell: (s) => (
            <Button onClick={() => onSelect(s.municipalityCode)} aria-label={`${t('select')}: ${s.municipalityName}`}>
              {t('select')}
            </Button>
          ),
        },
      ]}
    />
  );
}

export default function HouseholdScreen() {
  const { id = '' } = useParams();
  const { t, num, date, plural, apiLanguage } = useI18n();
  const { identity } = useIdentity();
  // Shown from the cache and refreshed; but data a deep link requested moments ago is read, not asked for again.
  const [res, refetch] = useQuery({ query: HouseholdDocument, variables: { id, language: apiLanguage }, requestPolicy: fromDeepLink(id, apiLanguage) ? 'cache-first' : 'cache-and-network' });
  useEffect(() => () => doneWithDeepLink(id, apiLanguage), [id, apiLanguage]);
  const [selected, setSelected] = useState<string | null>(null);
  const [chosenByUser, setChosen] = useState('');
  // The map (municipality shapes, colour scale, proj4) is its own chunk, requested as soon as this
  // screen opens (or the app, on a deep link), in parallel with the data. Held as a module rather
  // than a lazy component: once it has arrived, the map is drawn in the same render as the data,
  // where a lazy component would suspend once more and draw it a render later.
  const [map, setMap] = useState(loadedMap);
  useEffect(() => {
    if (!map) void loadMap().then(setMap);
  }, [map]);
  const NlMap = map?.default;
  // Selecting a municipality (map, list or table) also proposes it for the decision.
  const select = useCallback((code: string) => {
    setSelected(code);
    setChosen(code);
  }, []);
  const suggestions = res.data?.municipalitySuggestions;
  const household = res.data?.household;
  // The moment the data and the map are on the screen, for the web bench to attribute its time (data-ready below).
  const drawn = !!(NlMap && household && suggestions);
  useLayoutEffect(() => {
    if (drawn) performance.mark('kansrijk:household-ready', { detail: id });
  }, [drawn, id]);
  // A linked household keeps its municipality unless the adviser picks another (a re-link, R15);
  // otherwise the top suggestion is proposed.
  const current = res.data?.linkDecisions.find((d) => !d.supersededAt)?.municipalityCode ?? null;
  const chosen = chosenByUser || current || (suggestions?.items[0]?.municipalityCode ?? '');
  if (res.error && !res.data) {
    // A household that is not there (or not the caller's) answers null or NOT_FOUND.
    return <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  if (!res.data) return <Loading />;
  if (!household || !suggestions) return <ProblemMessage problem={problemOf(res.error) ?? { kind: 'NOT_FOUND' }} />;
  const canDecide = identity.role === 'ADMIN' || identity.role === 'ADVISER';
  const tieName = (code: string) => suggestions.scores.find((s) => s.municipalityCode === code)?.municipalityName ?? code;
  return (
    // Ready: the data shown and the map drawn, in this very render.
    <div data-ready={NlMap ? 'true' : undefined} data-testid="household">
      <Link to="/queue">← {t('nav_queue')}</Link>
      <Heading level={1}>{t('householdTitle', { name: householdName(household) })}</Heading>
      <dl className="kr-facts">
        <div>
          <dt>{t('colSize')}</dt>
          <dd>{num(household.size, 0)}</dd>
        </div>
        <div>
          <dt>{t('colAdults')}</dt>
          <dd>{num(household.adults, 0)}</dd>
        </div>
        <div>
          <dt>{t('arrival')}</dt>
          <dd>{date(household.arrivalDate)}</dd>
        </div>
        <div>
          <dt>{t('colPermit')}</dt>
          <dd>{date(household.permitDate)}</dd>
        </div>
        <div>
          <dt>{t('colDeadline')}</dt>
          <dd>
            {date(household.linkDeadline)} <DaysLeft days={household.daysLeftToLink} />
          </dd>
        </div>
        <div>
          <dt>{t('colHardTies')}</dt>
          <dd>{household.hardTies.length ? household.hardTies.map((h) => `${t(`tie_${h.kind}`)}: ${tieName(h.municipalityCode)} (${num(h.radiusKm, 0)} km)`).join('; ') : t('none')}</dd>
        </div>
      </dl>
      <Members members={household.members} nameOf={tieName} />
      <Heading level={2}>{t('suggestionsTitle')}</Heading>
      {!suggestions.feasible ? (
        <Alert type="warning">
          <Heading level={3}>{t('infeasibleTitle')}</Heading>
          <Paragraph>
            <span data-testid="infeasible-reason">{suggestions.reason}</span>
          </Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{plural('suggestionsIntro', suggestions.eligibleCount, 0, { period: suggestions.period })}</Paragraph>
          <Table
            caption={t('suggestionsTitle')}
            captionHidden
            rows={suggestions.items}
            rowKey={(i) => i.municipalityCode}
            columns={[
              { header: t('colRank'), cell: (i) => num(i.rank, 0), numeric: true },
              { header: t('colMunicipality'), cell: (i) => i.municipalityName, rowHeader: true },
              { header: t('colScore'), cell: (i) => num(i.score, 3), numeric: true },
              { header: t('colCapacity'), cell: (i) => (i.capacityLeft === null ? t('capacityUnknown') : num(i.capacityLeft, 0)), numeric: true },
              {
                header: t('colWhy'),
                cell: (i) => (
                  <Button onClick={() => select(i.municipalityCode)} aria-label={`${t('select')}: ${i.municipalityName}`}>
                    {t('select')}
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
      <div className="kr-grid kr-grid--two">
        <section aria-labelledby="map-title">
          <Heading level={2} id="map-title">
            {t('mapTitle')}
          </Heading>
          <Paragraph muted>{t('mapIntro')}</Paragraph>
          {NlMap ? (
            <NlMap
              scores={suggestions.scores}
              ties={household.hardTies}
              suggested={suggestions.items.map((i) => i.municipalityCode)}
              selected={selected}
              onSelect={select}
            />
          ) : (
            <Paragraph>{t('mapLoading')}</Paragraph>
          )}
          <MapAsList scores={suggestions.scores} onSelect={select} />
        </section>
        <div>
          {selected && <Selected householdId={household.id} code={selected} suggestions={suggestions} onClose={() => setSelected(null)} />}
          {canDecide ? (
            <Decision
              householdId={household.id}
              suggestions={suggestions}
              scores={suggestions.scores}
              current={current}
              chosen={chosen}
              onChosen={setChosen}
              onDone={() => refetch({ requestPolicy: 'network-only' })}
            />
          ) : (
            <Paragraph muted>{t('decisionNotAllowed')}</Paragraph>
          )}
        </div>
      </div>
      {/* Full width: the decisions with their overrides and checks are read as a table. */}
      <History decisions={res.data.linkDecisions} scores={suggestions.scores} />
    </div>
  );
}
