/**
 * A one-field query form (the journal search, "Spørg journalen"): a labelled field with its hint,
 * the query checked as the server checks it (its length after trimming, checkQuery) before
 * anything is sent; a refused query is said beside the field, which keeps focus.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { checkQuery, type QueryLimits, type QueryProblem } from './journal.helpers.ts';

export interface QueryFormProps {
  readonly label: string;
  readonly hint: string;
  readonly submitLabel: string;
  readonly problems: Readonly<Record<QueryProblem, string>>;
  readonly className: string;
  /** search: a search landmark with a search field; question: a plain form with a text field. */
  readonly variant: 'search' | 'question';
  /** How long the query may be (the search's 2–200 characters when not given). */
  readonly limits?: QueryLimits;
  onQuery(query: string): void;
}

export function QueryForm({ label, hint, submitLabel, problems, className, variant, limits, onQuery }: QueryFormProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<QueryProblem | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { input: useId(), hint: useId(), error: useId() };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const check = checkQuery(text, limits);
    if (!check.ok) {
      setProblem(check.problem);
      inputRef.current?.focus();
      return;
    }
    setProblem(null);
    onQuery(check.query);
  };

  return (
    <form role={variant === 'search' ? 'search' : undefined} className={className} onSubmit={submit} noValidate>
      <label htmlFor={ids.input}>{label}</label>
      <p id={ids.hint} className="hint">
        {hint}
      </p>
      {problem && (
        <p id={ids.error} className="field-error">
          {problems[problem]}
        </p>
      )}
      <div className="search-row">
        <input
          ref={inputRef}
          id={ids.input}
          type={variant === 'search' ? 'search' : 'text'}
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={problem ? `${ids.error} ${ids.hint}` : ids.hint}
          aria-invalid={problem ? true : undefined}
        />
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}
