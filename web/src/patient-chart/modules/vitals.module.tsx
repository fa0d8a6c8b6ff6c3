/** Målinger (vital signs and early-warning scores): the vitals screen of the chart (web/src/vitals/patient-vitals.component.tsx). */
import { useId } from 'react';
import { PatientVitalsModule } from '../../vitals/patient-vitals.component.tsx';
import type { ChartModuleProps } from './module-placeholder.tsx';

export function VitalsModule({ patientId }: ChartModuleProps) {
  const headingId = useId();
  return (
    <section className="chart-module vitals-module" aria-labelledby={headingId} data-module="vitals">
      <PatientVitalsModule key={patientId} patientId={patientId} headingId={headingId} />
    </section>
  );
}
