/** Forløb/tidslinje: the patient's course across sectors and time (web/src/timeline/patient-timeline.component.tsx). */
import { useId } from 'react';
import { PatientTimeline } from '../../timeline/patient-timeline.component.tsx';
import type { ChartModuleProps } from './module-placeholder.tsx';

export function TimelineModule({ patientId }: ChartModuleProps) {
  const headingId = useId();
  return (
    <section className="chart-module timeline-module" aria-labelledby={headingId} data-module="timeline">
      <PatientTimeline key={patientId} patientId={patientId} headingId={headingId} />
    </section>
  );
}
