/**
 * Dokumenter, the chart's document archive (/app/patient/:id/documents): the patient's documents
 * newest first, filtered by category (GET /api/documents/patients/:id?category=); a document opens in
 * the viewer; the upload form (file, title, category, optional date) checks what it can before
 * sending and shows the server's refusal on the field it names. Titles are untrusted text: React
 * text only.
 */
import { useId, useState } from 'react';
import { DOCUMENT_CATEGORIES, type DocumentCategory, type DocumentSummary } from '../../../src/documents/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDate } from '../ui/format.ts';
import { StackTable } from '../ui/stack-table.tsx';
import { useResource } from '../ui/use-resource.ts';
import { DocumentUploadForm } from './document-upload.component.tsx';
import { DocumentViewer } from './document-viewer.component.tsx';
import { listDocuments } from './documents.api.ts';
import { fileKind, formatSize } from './documents.helpers.ts';
import './documents.css';

export function DocumentArchive({ patientId, headingId }: { patientId: string; headingId: string }) {
  const { t: all, lang } = useI18n();
  const t = all.documents;
  const [category, setCategory] = useState<DocumentCategory | null>(null);
  const [open, setOpen] = useState<DocumentSummary | null>(null);
  const documents = useResource(() => listDocuments(patientId, category), [patientId, category]);
  const ids = { filter: useId(), viewerHeading: useId(), uploadHeading: useId() };

  const show = (doc: DocumentSummary) => {
    setOpen(doc);
    window.requestAnimationFrame(() => document.getElementById(ids.viewerHeading)?.focus());
  };
  const close = () => {
    const id = open?.id;
    setOpen(null);
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-document="${CSS.escape(id ?? '')}"]`)?.focus());
  };

  return (
    <>
      <h2 id={headingId} tabIndex={-1}>
        {all.chart.modules.documents}
      </h2>
      <div className="document-filter">
        <label htmlFor={ids.filter}>{t.filterLabel}</label>
        <select id={ids.filter} value={category ?? ''} onChange={(e) => setCategory((e.target.value || null) as DocumentCategory | null)}>
          <option value="">{t.allCategories}</option>
          {DOCUMENT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t.categories[c]}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="search-status" data-testid="documents-status">
        {documents.status === 'loading' ? t.loading : documents.status === 'ok' ? t.count(documents.data.documents.length) : ''}
      </p>
      {documents.status === 'error' && <ErrorMessage error={documents.error} onRetry={documents.reload} />}
      {documents.status === 'ok' && documents.data.documents.length > 0 && (
        <StackTable<DocumentSummary>
          caption={t.listLabel}
          testId="documents-table"
          rows={documents.data.documents}
          rowKey={(d) => d.id}
          rowProps={(d) => ({ 'data-category': d.category ?? undefined })}
          columns={[
            { key: 'title', header: t.columns.title, rowHeader: true, cell: (d) => d.title },
            { key: 'category', header: t.columns.category, cell: (d) => (d.category ? t.categories[d.category] : t.uncategorised) },
            { key: 'date', header: t.columns.date, cell: (d) => <time dateTime={d.date}>{formatDate(d.date, lang)}</time> },
            { key: 'author', header: t.columns.author, cell: (d) => d.author ?? t.noAuthor },
            { key: 'file', header: t.columns.file, cell: (d) => `${fileKind(d.contentType)}, ${formatSize(d.size, lang)}` },
            { key: 'text', header: t.columns.text, cell: (d) => t.textStatus[d.textStatus] },
            {
              key: 'view',
              header: t.view,
              cell: (d) => (
                <button type="button" className="button-secondary" data-document={d.id} aria-label={t.viewLabel(d.title)} aria-pressed={open?.id === d.id} onClick={() => show(d)}>
                  {t.view}
                </button>
              ),
            },
          ]}
        />
      )}
      {open && <DocumentViewer key={open.id} document={open} headingId={ids.viewerHeading} onClose={close} />}
      <DocumentUploadForm
        patientId={patientId}
        headingId={ids.uploadHeading}
        onUploaded={() => documents.reload()}
      />
    </>
  );
}
