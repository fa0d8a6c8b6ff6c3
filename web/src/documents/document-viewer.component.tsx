/**
 * One document shown in the chart: its bytes fetched with the user's token (GET /api/documents/:id/content)
 * and shown from a blob: URL, a PDF or text file in a frame, an image as an image. The URL is revoked
 * when the viewer closes. The blob keeps the type the server gave (never guessed in the browser).
 */
import { useEffect, useState } from 'react';
import type { DocumentSummary } from '../../../src/documents/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { fetchDocumentContent } from './documents.api.ts';
import { viewerKind } from './documents.helpers.ts';

type ViewerState = { readonly status: 'loading' } | { readonly status: 'ok'; readonly url: string; readonly type: string } | { readonly status: 'error'; readonly error: unknown };

export function DocumentViewer({ document: doc, headingId, onClose }: { document: DocumentSummary; headingId: string; onClose(): void }) {
  const { t: all } = useI18n();
  const t = all.documents.viewer;
  const [state, setState] = useState<ViewerState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let url: string | undefined;
    let current = true;
    setState({ status: 'loading' });
    fetchDocumentContent(doc.id).then(
      (blob) => {
        if (!current) return;
        url = URL.createObjectURL(blob);
        setState({ status: 'ok', url, type: blob.type || doc.contentType });
      },
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [doc.id, attempt]);

  return (
    <section className="document-viewer" aria-labelledby={headingId} data-testid="document-viewer">
      <div className="document-viewer-head">
        <h3 id={headingId} tabIndex={-1}>
          {t.title(doc.title)}
        </h3>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t.close}
        </button>
      </div>
      {state.status === 'loading' && <p role="status">{t.loading}</p>}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === 'ok' &&
        (viewerKind(state.type) === 'image' ? (
          <img className="document-image" src={state.url} alt={doc.title} data-testid="document-image" />
        ) : (
          <iframe className="document-frame" src={state.url} title={t.frameTitle(doc.title)} data-testid="document-frame" />
        ))}
    </section>
  );
}
