import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useQuery } from 'urql';
import { problemOf } from '../api/errors';
import { rememberRole, useSession } from '../auth/session';
import { Loading, ProblemMessage } from '../components/Problem';
import { Heading, Link, Paragraph } from '../components/ui';
import { WhoamiDocument, type Role } from '../gql/graphql';
import { useI18n, type MessageKey } from '../i18n/I18n';
import { Queue } from '../screens/Queue';
import { SignIn } from '../screens/SignIn';
import { HouseholdScreen } from './deep-link';
import { IdentityContext, useIdentity } from './Identity';
import { Page } from './Layout';
import { HOUSEHOLD_ROLES, navFor, NAV } from './nav';

// Screens beyond the first are loaded when opened; the map and charts inside them later still.
const CandidatesScreen = lazy(() => import('../screens/Candidates'));
const CandidateScreen = lazy(() => import('../screens/Candidate'));
const VacanciesScreen = lazy(() => import('../screens/Vacancies'));
const VacancyScreen = lazy(() => import('../screens/Vacancy'));
const ScenariosScreen = lazy(() => import('../screens/Scenarios'));
const ScenarioScreen = lazy(() => import('../screens/Scenario'));
const KeysScreen = lazy(() => import('../screens/admin/Keys'));
const HousingScreen = lazy(() => import('../screens/admin/Housing'));
const LabourDemandScreen = lazy(() => import('../screens/admin/LabourDemand'));
const AuditScreen = lazy(() => import('../screens/admin/Audit'));

function Home() {
  const { t } = useI18n();
  const { identity } = useIdentity();
  const items = navFor(identity.role);
  if (items.length > 0 && (identity.role === 'ADVISER' || identity.role === 'EVALUATOR' || identity.role === 'PLATFORM')) return <Navigate to={items[0].to} replace />;
  return (
    <>
      <Heading level={1}>{t('homeTitle')}</Heading>
      <Paragraph>{t('homeIntro')}</Paragraph>
      <ul className="utrecht-unordered-list">
        {items.map((n) => (
          <li key={n.to} className="utrecht-unordered-list__item">
            <Link to={n.to}>{t(n.label)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * A route only the roles of its navigation entry may open; others get FORBIDDEN's message, why
 * (when the route has a reason of its own) and the way to their own first screen. Nothing of the
 * screen is rendered, so none of its requests, which the API would refuse, is sent.
 */
function Allowed({ roles, reason, children }: { roles: Role[]; reason?: MessageKey; children: React.ReactNode }) {
  const { t } = useI18n();
  const { identity } = useIdentity();
  if (roles.includes(identity.role)) return <>{children}</>;
  const home = navFor(identity.role)[0];
  return (
    <>
      <ProblemMessage problem={{ kind: 'FORBIDDEN' }} />
      {reason && <Paragraph>{t(reason)}</Paragraph>}
      {home && (
        <Paragraph>
          <Link to={home.to}>{t('forbiddenGoTo', { screen: t(home.label) })}</Link>
        </Paragraph>
      )}
    </>
  );
}

const rolesOf = (to: string) => NAV.find((n) => n.to === to)!.roles;

function SignedIn() {
  const { t } = useI18n();
  const [res, refetch] = useQuery({ query: WhoamiDocument, requestPolicy: 'network-only' });
  // Remembered for the next start of the app: a deep link then asks only what this role may read.
  const role = res.data?.whoami.role;
  useEffect(() => {
    if (role) rememberRole(role);
  }, [role]);
  if (res.fetching && !res.data) return <Page signedIn={false}><Loading /></Page>;
  if (res.error || !res.data) {
    const p = problemOf(res.error);
    if (p?.kind === 'UNAUTHENTICATED') return <SignIn problem={p} />;
    return (
      <Page signedIn={false}>
        <Heading level={1}>{t('appName')}</Heading>
        <ProblemMessage error={res.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  }
  const { whoami, about } = res.data;
  return (
    <IdentityContext.Provider value={{ identity: whoami, about }}>
      <Page signedIn attribution={about.dataAttribution}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/queue" element={<Allowed roles={rolesOf('/queue')}><Queue /></Allowed>} />
            <Route path="/households/:id" element={<Allowed roles={HOUSEHOLD_ROLES} reason="forbiddenHousehold"><HouseholdScreen /></Allowed>} />
            <Route path="/candidates" element={<Allowed roles={rolesOf('/candidates')}><CandidatesScreen /></Allowed>} />
            <Route path="/candidates/:id" element={<Allowed roles={rolesOf('/candidates')}><CandidateScreen /></Allowed>} />
            <Route path="/vacancies" element={<Allowed roles={rolesOf('/vacancies')}><VacanciesScreen /></Allowed>} />
            <Route path="/vacancies/:id" element={<Allowed roles={rolesOf('/vacancies')}><VacancyScreen /></Allowed>} />
            <Route path="/scenarios" element={<Allowed roles={rolesOf('/scenarios')}><ScenariosScreen /></Allowed>} />
            <Route path="/scenarios/:id" element={<Allowed roles={rolesOf('/scenarios')}><ScenarioScreen /></Allowed>} />
            <Route path="/admin/keys" element={<Allowed roles={rolesOf('/admin/keys')}><KeysScreen /></Allowed>} />
            <Route path="/admin/housing" element={<Allowed roles={rolesOf('/admin/housing')}><HousingScreen /></Allowed>} />
            <Route path="/admin/labour-demand" element={<Allowed roles={rolesOf('/admin/labour-demand')}><LabourDemandScreen /></Allowed>} />
            <Route path="/admin/audit" element={<Allowed roles={rolesOf('/admin/audit')}><AuditScreen /></Allowed>} />
            <Route path="*" element={<ProblemMessage problem={{ kind: 'NOT_FOUND' }} />} />
          </Routes>
        </Suspense>
      </Page>
    </IdentityContext.Provider>
  );
}

export function App() {
  const { key } = useSession();
  return key ? <SignedIn /> : <SignIn />;
}

