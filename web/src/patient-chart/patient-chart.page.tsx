/**
 * The chart frame, /app/patient/:id[/:module]: the patient banner and the module navigation
 * around the current module. A 403 whose OperationOutcome says break-the-glass-possible opens the
 * break-the-glass dialog; after a grant the chart reloads and shows until when the access lasts.
 */
import type { Patient } from '@medplum/fhirtypes';
import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../api/api-client.ts';
import { outcomeHasCode } from '../api/operation-outcome.ts';
import { isPatientUser } from '../app/navigation.ts';
import { chartPath, type ChartModule } from '../app/routes.ts';
import { Link } from '../app/router.tsx';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ACCESS_SYSTEM, BREAK_THE_GLASS_POSSIBLE, patientName } from '../patient/patient.helpers.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useResource } from '../ui/use-resource.ts';
import { BreakTheGlassDialog } from './break-the-glass.dialog.tsx';
import { activeGrantExpiry, rememberGrant } from './break-the-glass.store.ts';
import { CHART_MODULE_COMPONENTS, CHART_MODULES } from './chart-modules.ts';
import { PatientBanner } from './patient-banner.component.tsx';

export function PatientChartPage({ id, module }: { id: string; module: ChartModule }) {
  const { t } = useI18n();
  const me = useMe();
  const patient = useResource(() => getJson<Patient>(`/fhir/Patient/${encodeURIComponent(id)}`), [id]);
  const [dialogDismissed, setDialogDismissed] = useState(false);
  const [dialogRequested, setDialogRequested] = useState(false);
  const [focusWhenLoaded, setFocusWhenLoaded] = useState(false);
  usePageTitle(patient.status === 'ok' ? patientName(patient.data) : t.chart.bannerLabel);

  // After a break-the-glass grant the chart reloads: put focus on its heading, where the dialog was.
  useEffect(() => {
    if (focusWhenLoaded && patient.status === 'ok') {
      document.querySelector<HTMLElement>('main h1')?.focus();
      setFocusWhenLoaded(false);
    }
  }, [focusWhenLoaded, patient.status]);

  if (patient.status === 'loading') return <p className="muted">{t.loading}</p>;

  if (patient.status === 'error') {
    const err = patient.error;
    const canBreakGlass = err instanceof ApiError && err.status === 403 && outcomeHasCode(err.outcome, ACCESS_SYSTEM, BREAK_THE_GLASS_POSSIBLE);
    if (canBreakGlass) {
      const open = dialogRequested || !dialogDismissed;
      return (
        <section className="page">
          <PageHeading>{t.chart.noAccessTitle}</PageHeading>
          <p>{t.chart.noCareRelation}</p>
          <div className="actions">
            <button
              type="button"
              className="button-danger"
              onClick={() => {
                setDialogRequested(true);
              }}
            >
              {t.chart.openBreakTheGlass}
            </button>
            <Link to="/patients">{t.chart.backToSearch}</Link>
          </div>
          {open && (
            <BreakTheGlassDialog
              patientId={id}
              onCancel={() => {
                setDialogDismissed(true);
                setDialogRequested(false);
              }}
              onGranted={(grant) => {
                rememberGrant(grant);
                setDialogRequested(false);
                setFocusWhenLoaded(true);
                patient.reload();
              }}
            />
          )}
        </section>
      );
    }
    const status = err instanceof ApiError ? err.status : 0;
    return (
      <section className="page">
        <PageHeading>{status === 404 ? t.chart.notFound : status === 403 ? t.chart.noAccessTitle : t.chart.bannerLabel}</PageHeading>
        {status === 403 && <p>{t.chart.noAccess}</p>}
        <ErrorMessage error={err} onRetry={status >= 500 || status === 0 ? patient.reload : undefined} />
        {!isPatientUser(me) && (
          <p>
            <Link to="/patients">{t.chart.backToSearch}</Link>
          </p>
        )}
      </section>
    );
  }

  const data = { ...patient.data, id: patient.data.id ?? id };
  const grantExpiry = activeGrantExpiry(id);
  const Module = CHART_MODULE_COMPONENTS[module];
  return (
    <div className="chart">
      <PatientBanner patient={data} />
      {grantExpiry && (
        <p className="access-flag" data-testid="break-the-glass-flag">
          {t.chart.breakTheGlassFlag(formatTime(grantExpiry))}
        </p>
      )}
      <nav aria-label={t.chart.modulesNav} className="chart-nav">
        <ul>
          {CHART_MODULES.map((m) => (
            <li key={m}>
              <Link to={chartPath(id, m)} aria-current={m === module ? 'page' : undefined}>
                {t.chart.modules[m]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Module patientId={id} />
    </div>
  );
}
