/** Overblik (overview): the patient at a glance with cited sources, and "Spørg journalen" (web/src/overview/patient-overview.component.tsx). */
import { useId } from 'react';
import { PatientOverview } from '../../overview/patient-overview.component.tsx';
import type { ChartModuleProps } from './module-placeholder.tsx';

export function OverviewModule({ patientId }: ChartModuleProps) {
  const headingId = useId();
  return (
    <section className="chart-module overview-module" aria-labelledby={headingId} data-module="overview">
      <PatientOverview key={patientId} patientId={patientId} headingId={headingId} />
    </section>
  );
}
