/**
 * What the user can do with an audited answer (journal-ai.md §7): "Kopiér svar" copies the sentences
 * with their citation numbers and records 'copied' only when the copy succeeded (no clipboard, or
 * permission refused: the user is told to copy by hand); "Markér som forkert" records 'marked-wrong',
 * thanks the user once the server has it, and cannot be pressed again for this answer.
 */
import { useState } from 'react';
import { AiUserAction, type JournalAnswer } from '../../../src/journal/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { recordAiAction } from './overview.api.ts';
import { answerClipboardText } from './overview.helpers.ts';

type Step = 'idle' | 'busy' | 'done' | 'failed';

export function AnswerActions({ answer, eventId }: { answer: JournalAnswer; eventId: string }) {
  const { t: all } = useI18n();
  const t = all.overview.ask;
  const [copy, setCopy] = useState<Step>('idle');
  const [wrong, setWrong] = useState<Step>('idle');

  const copyAnswer = async () => {
    setCopy('busy');
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(answerClipboardText(answer));
    } catch {
      setCopy('failed');
      return;
    }
    setCopy('done');
    recordAiAction(eventId, AiUserAction.copied).catch(() => undefined); // the copy is done; a failed record does not undo it
  };

  const markWrong = async () => {
    setWrong('busy');
    try {
      await recordAiAction(eventId, AiUserAction.markedWrong);
      setWrong('done');
    } catch {
      setWrong('failed');
    }
  };

  const said = [copy === 'done' ? t.copied : copy === 'failed' ? t.copyFailed : '', wrong === 'done' ? t.markedWrong : wrong === 'failed' ? t.markWrongFailed : ''].filter(Boolean);
  return (
    <div className="answer-actions" role="group" aria-label={t.actionsLabel} data-testid="ask-actions">
      {answer.sentences.length > 0 && (
        <button type="button" className="button-secondary" disabled={copy === 'busy'} onClick={() => void copyAnswer()} data-testid="ask-copy">
          {t.copy}
        </button>
      )}
      <button type="button" className="button-secondary" disabled={wrong === 'busy' || wrong === 'done'} onClick={() => void markWrong()} data-testid="ask-mark-wrong">
        {t.markWrong}
      </button>
      <p role="status" className="answer-action-status" data-testid="ask-action-status">
        {said.map((text) => (
          <span key={text}>{text} </span>
        ))}
      </p>
    </div>
  );
}
