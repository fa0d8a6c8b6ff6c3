/** The app: language, login session, then the shell (skip link, header, main) around the page of the current route. */
import { useEffect, useRef } from 'react';
import type { Me } from '../api/types.ts';
import { startLogin } from '../auth/oidc.ts';
import { MeProvider, useSession, type SessionState } from '../auth/session.tsx';
import { BreakTheGlassReviewPage } from '../audit/break-the-glass-review.page.tsx';
import { MyLogPage } from '../audit/my-log.page.tsx';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { BedOverviewPage } from '../logistics/bed-overview.page.tsx';
import { EdBoardPage } from '../logistics/ed-board.page.tsx';
import { TasksPage } from '../logistics/tasks.page.tsx';
import { WardBoardPage } from '../logistics/ward-board.page.tsx';
import { WardPickerPage } from '../logistics/ward-picker.page.tsx';
import { PatientChartPage } from '../patient-chart/patient-chart.page.tsx';
import { PatientSearchPage } from '../patient-search/patient-search.page.tsx';
import { usePageTitle } from '../ui/page.tsx';
import { EscalationsPage } from '../vitals/escalations.page.tsx';
import { VitalsWardPickerPage } from '../vitals/vitals-ward-picker.page.tsx';
import { WardVitalsPage } from '../vitals/ward-vitals.page.tsx';
import { Header } from './header.component.tsx';
import { LandingPage } from './landing.page.tsx';
import { canSeeEscalations, canSeeTasks, canSeeVitals, homePathFor, isClinician, isManager, isPatientUser } from './navigation.ts';
import { navigate, useLocation } from './router.tsx';
import { boardScreenOf, parseRoute } from './routes.ts';
import { ForbiddenPage, NotFoundPage } from './simple-pages.tsx';

export function App() {
  return (
    <I18nProvider>
      <SessionGate />
    </I18nProvider>
  );
}

function SessionGate() {
  const session = useSession();
  if (session.status !== 'ready') return <SessionStatus session={session} />;
  return (
    <MeProvider me={session.me}>
      <Shell me={session.me} />
    </MeProvider>
  );
}

/** Before the user is known: on the way to the login page, completing it, or a failed login. */
function SessionStatus({ session }: { session: Exclude<SessionState, { status: 'ready' }> }) {
  const { t } = useI18n();
  usePageTitle('');
  const failed = session.status === 'failed';
  const text = !failed
    ? session.status === 'completing'
      ? t.auth.completing
      : t.auth.redirecting
    : session.problem === 'state-mismatch'
      ? t.auth.stateMismatch
      : session.problem === 'system'
        ? t.auth.notForSystemClients
        : session.problem === 'network'
          ? t.errors.network
          : (session.message ?? t.errors.generic);
  return (
    <main id="main" className="session-status">
      <h1>{failed ? t.auth.failedTitle : t.appName}</h1>
      <p role={failed ? 'alert' : 'status'}>{text}</p>
      {failed && (
        <button type="button" onClick={() => void startLogin('/')}>
          {t.auth.signInAgain}
        </button>
      )}
    </main>
  );
}

function Shell({ me }: { me: Me }) {
  const { t } = useI18n();
  const { path, search } = useLocation();
  const layout = layoutOf(path, search);
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef<string | null>(null);

  // After in-app navigation, move focus to the new page's heading (or main), as a page load would;
  // between modules of one chart, to the module's heading.
  useEffect(() => {
    const previous = previousPath.current;
    previousPath.current = path;
    if (previous === null || previous === path) return;
    const main = mainRef.current;
    const withinChart = chartIdOf(previous) !== undefined && chartIdOf(previous) === chartIdOf(path);
    const target = main?.querySelector<HTMLElement>(withinChart ? '.chart-module h2' : 'h1');
    (target ?? main)?.focus();
  }, [path]);

  // A wall screen is the board alone (no header, full width); the logistics screens use the full width.
  if (layout === 'wall') {
    return (
      <main id="main" ref={mainRef} tabIndex={-1} className="main-wall">
        <Page me={me} path={path} />
      </main>
    );
  }
  return (
    <>
      <a href="#main" className="skip-link">
        {t.skipLink}
      </a>
      <Header me={me} path={path} />
      <main id="main" ref={mainRef} tabIndex={-1} className={layout === 'wide' ? 'main-wide' : undefined}>
        <Page me={me} path={path} />
      </main>
    </>
  );
}

function layoutOf(path: string, search: string): 'wall' | 'wide' | 'normal' {
  const route = parseRoute(path);
  if (route.name === 'wardBoard') return boardScreenOf(search).screen === 'wall' ? 'wall' : 'wide';
  return route.name === 'beds' || route.name === 'ed' || route.name === 'wardVitals' || route.name === 'escalations' ? 'wide' : 'normal';
}

function chartIdOf(path: string): string | undefined {
  const route = parseRoute(path);
  return route.name === 'chart' ? route.id : undefined;
}

function Page({ me, path }: { me: Me; path: string }) {
  const route = parseRoute(path);
  switch (route.name) {
    case 'home':
    case 'callback':
      return <Home me={me} />;
    case 'patients':
      return isClinician(me) ? <PatientSearchPage /> : <ForbiddenPage />;
    case 'chart':
      return <PatientChartPage key={route.id} id={route.id} module={route.module} />;
    case 'myLog':
      return isPatientUser(me) ? <MyLogPage /> : <ForbiddenPage />;
    case 'review':
      return isManager(me) ? <BreakTheGlassReviewPage /> : <ForbiddenPage />;
    case 'wards':
      return isClinician(me) ? <WardPickerPage /> : <ForbiddenPage />;
    case 'wardBoard':
      return isClinician(me) ? <WardBoardPage key={route.wardId} wardId={route.wardId} /> : <ForbiddenPage />;
    case 'beds':
      return isClinician(me) ? <BedOverviewPage /> : <ForbiddenPage />;
    case 'ed':
      return isClinician(me) ? <EdBoardPage /> : <ForbiddenPage />;
    case 'tasks':
      return canSeeTasks(me) ? <TasksPage /> : <ForbiddenPage />;
    case 'vitalsWards':
      return canSeeVitals(me) ? <VitalsWardPickerPage /> : <ForbiddenPage />;
    case 'wardVitals':
      return canSeeVitals(me) ? <WardVitalsPage key={route.wardId} wardId={route.wardId} /> : <ForbiddenPage />;
    case 'escalations':
      return canSeeEscalations(me) ? <EscalationsPage /> : <ForbiddenPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

/** `/`: the user's first screen, or the landing page for roles without screens yet. */
function Home({ me }: { me: Me }) {
  const target = homePathFor(me);
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);
  return target ? null : <LandingPage me={me} />;
}
