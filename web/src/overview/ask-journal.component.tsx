/**
 * "Spørg journalen": a question (3–300 characters, checked before it is sent) → POST
 * /api/journal/patients/:id/ask → JournalAnswer: the verdict ("Ja", "Nej", "Ikke fundet i
 * journalen"), the sentences with their citations [1], [2]… (passages and structured facts), the
 * label "AI-genereret – verificér mod kilder" on generated text, and how many generated sentences
 * were dropped unverified, and why the language model was not used when it was not (journal-ai.md
 * §1, §6). Opening a citation of an answer with an AI event is recorded by the caller; copying it and
 * marking it wrong by AnswerActions.
 */
import { useId, useRef, useState } from 'react';
import type { JournalAnswer, JournalCitation } from '../../../src/journal/api-types.ts';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { QueryForm } from '../journal/query-form.component.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { AnswerActions } from './answer-actions.component.tsx';
import { CitationLinks, type CitationLinksProps } from './citation-links.component.tsx';
import { askJournal } from './overview.api.ts';
import { numberAnswerCitations, QUESTION_LIMITS, sentenceCitations } from './overview.helpers.ts';

type AskState =
  | { readonly status: 'idle' }
  | { readonly status: 'asking'; readonly question: string }
  | { readonly status: 'done'; readonly answer: JournalAnswer }
  | { readonly status: 'error'; readonly question: string; readonly error: unknown };

export interface AskJournalProps {
  readonly patientId: string;
  readonly openKey: string | undefined;
  readonly viewerId: string | undefined;
  onOpen(citation: JournalCitation, opener: HTMLButtonElement, answer: JournalAnswer): void;
}

export function AskJournal({ patientId, openKey, viewerId, onOpen }: AskJournalProps) {
  const { t: all } = useI18n();
  const t = all.overview.ask;
  const [state, setState] = useState<AskState>({ status: 'idle' });
  const generation = useRef(0);
  const headingId = useId();

  const ask = (question: string) => {
    const mine = ++generation.current;
    setState({ status: 'asking', question });
    askJournal(patientId, question).then(
      (answer) => mine === generation.current && setState({ status: 'done', answer }),
      (error: unknown) => mine === generation.current && setState({ status: 'error', question, error }),
    );
  };

  // The verdict is said to screen readers here, and shown in the answer below.
  const status = state.status === 'asking' ? t.asking : state.status === 'done' ? <span className="visually-hidden">{`${t.verdictLabel}: ${t.verdicts[state.answer.verdict]}`}</span> : '';

  return (
    <section className="overview-ask" aria-labelledby={headingId} data-testid="ask-journal">
      <h3 id={headingId}>{t.title}</h3>
      <QueryForm label={t.label} hint={t.hint} submitLabel={t.submit} problems={t.problems} className="search-form" variant="question" limits={QUESTION_LIMITS} onQuery={ask} />
      <p role="status" className="search-status" data-testid="ask-status">
        {status}
      </p>
      {state.status === 'error' && (
        <ErrorMessage error={state.error} onRetry={!(state.error instanceof ApiError) || state.error.status >= 500 ? () => ask(state.question) : undefined} />
      )}
      {state.status === 'done' && <Answer answer={state.answer} openKey={openKey} viewerId={viewerId} onOpen={(c, opener) => onOpen(c, opener, state.answer)} />}
    </section>
  );
}

function Answer({ answer, ...opening }: { answer: JournalAnswer } & Omit<CitationLinksProps, 'citations'>) {
  const { t: all } = useI18n();
  const t = all.overview.ask;
  const headingId = useId();
  const numbered = numberAnswerCitations(answer);
  return (
    <div className="overview-answer" role="group" aria-labelledby={headingId} data-testid="ask-answer" data-mode={answer.mode}>
      <h4 id={headingId}>{t.answerTitle}</h4>
      <p className={`answer-verdict answer-verdict-${answer.verdict}`} data-testid="ask-verdict">
        {t.verdicts[answer.verdict]}
      </p>
      {answer.mode === 'generated' && (
        <p className="ai-label" data-testid="ai-label">
          {t.generated}
          {answer.model && <span className="muted"> · {t.model(answer.model.provider, answer.model.id)}</span>}
        </p>
      )}
      {answer.mode === 'extractive' && answer.sentences.length > 0 && <p className="muted">{t.extractive}</p>}
      {answer.sentences.length > 0 && (
        <ul className="answer-sentences">
          {answer.sentences.map((sentence, i) => (
            <li key={i} data-testid="ask-sentence">
              {sentence.text} <CitationLinks citations={sentenceCitations(numbered, sentence)} {...opening} />
            </li>
          ))}
        </ul>
      )}
      {answer.droppedSentences > 0 && (
        <p className="answer-dropped" data-testid="ask-dropped">
          {t.dropped(answer.droppedSentences)}
        </p>
      )}
      {answer.fallbackReason && (
        <p className="answer-fallback muted" data-testid="ask-fallback">
          {t.fallback(answer.fallbackReason)}
        </p>
      )}
      {answer.aiEventId && <AnswerActions key={answer.aiEventId} answer={answer} eventId={answer.aiEventId} />}
    </div>
  );
}
