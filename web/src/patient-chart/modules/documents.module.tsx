/** Dokumenter: the patient's document archive, with upload and viewer (web/src/documents/document-archive.component.tsx). */
import { useId } from 'react';
import { DocumentArchive } from '../../documents/document-archive.component.tsx';
import type { ChartModuleProps } from './module-placeholder.tsx';

export function DocumentsModule({ patientId }: ChartModuleProps) {
  const headingId = useId();
  return (
    <section className="chart-module documents-module" aria-labelledby={headingId} data-module="documents">
      <DocumentArchive key={patientId} patientId={patientId} headingId={headingId} />
    </section>
  );
}
