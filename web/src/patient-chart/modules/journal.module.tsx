/** Journal: the patient's notes with "Nyt notat" (web/src/notes/patient-notes.component.tsx), and search in notes, summaries, results and letters (web/src/journal/journal-search.component.tsx). */
import { useId } from 'react';
import { JournalSearch } from '../../journal/journal-search.component.tsx';
import { PatientNotes } from '../../notes/patient-notes.component.tsx';
import type { ChartModuleProps } from './module-placeholder.tsx';

export function JournalModule({ patientId }: ChartModuleProps) {
  const headingId = useId();
  return (
    <section className="chart-module journal-module" aria-labelledby={headingId} data-module="journal">
      <PatientNotes key={`notes-${patientId}`} patientId={patientId} />
      <JournalSearch key={patientId} patientId={patientId} headingId={headingId} />
    </section>
  );
}
