/** Shows an error to the user: the server's OperationOutcome diagnostics when there is one. */
import { ApiError, NetworkError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function errorText(error: unknown, messages: { generic: string; network: string }): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof NetworkError) return messages.network;
  return messages.generic;
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="message message-error" role="alert">
      <p>{errorText(error, t.errors)}</p>
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}
