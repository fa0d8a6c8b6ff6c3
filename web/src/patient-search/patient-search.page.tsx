/**
 * Patientsøgning: one field for a name or a CPR number (decided by pattern), results as a table;
 * a patient without a care relation is marked "Ingen behandlingsrelation". The last search is kept
 * in memory only (not in the URL or storage), so going back from a chart shows it again.
 */
import type { Patient } from '@medplum/fhirtypes';
import { useId, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { chartPath } from '../app/routes.ts';
import { Link, navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ageInYears, hasNoCareRelation, patientCpr, patientName } from '../patient/patient.helpers.ts';
import { SexText } from '../patient/sex-text.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDate } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { classifyPatientQuery, type PatientQuery } from './cpr.ts';
import { PAGE_SIZE, searchPatients, type PatientSearchResult } from './patient-search.resource.ts';

type SearchState =
  | { readonly status: 'idle' }
  | { readonly status: 'searching' }
  | { readonly status: 'done'; readonly result: PatientSearchResult }
  | { readonly status: 'error'; readonly error: unknown };

type Problem = Extract<PatientQuery, { kind: 'invalid' }>['problem'];

/** The last search of this page load (memory only). */
let lastSearch: { text: string; state: SearchState } = { text: '', state: { status: 'idle' } };

export function PatientSearchPage() {
  const { t, lang } = useI18n();
  usePageTitle(t.search.title);
  const [text, setText] = useState(lastSearch.text);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [state, setState] = useState<SearchState>(lastSearch.state);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { input: useId(), hint: useId(), error: useId() };

  const problemText: Record<Problem, string> = { empty: t.search.empty, 'too-short': t.search.tooShort, 'cpr-format': t.search.cprFormat, 'cpr-date': t.search.cprDate };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const query = classifyPatientQuery(text);
    if (query.kind === 'invalid') {
      setProblem(query.problem);
      inputRef.current?.focus();
      return;
    }
    setProblem(null);
    setState({ status: 'searching' });
    searchPatients(query).then(
      (result) => {
        const next: SearchState = { status: 'done', result };
        lastSearch = { text, state: next };
        setState(next);
      },
      (error: unknown) => setState({ status: 'error', error }),
    );
  };

  return (
    <section className="page">
      <PageHeading>{t.search.title}</PageHeading>
      <form role="search" className="search-form" onSubmit={submit} noValidate>
        <label htmlFor={ids.input}>{t.search.label}</label>
        <p id={ids.hint} className="hint">
          {t.search.hint}
        </p>
        {problem && (
          <p id={ids.error} className="field-error">
            {problemText[problem]}
          </p>
        )}
        <div className="search-row">
          <input
            ref={inputRef}
            id={ids.input}
            type="search"
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={problem ? `${ids.error} ${ids.hint}` : ids.hint}
            aria-invalid={problem ? true : undefined}
          />
          <button type="submit">{t.search.submit}</button>
        </div>
      </form>
      <p role="status" className="search-status">
        {state.status === 'searching' ? t.search.searching : state.status === 'done' ? t.search.found(state.result.patients.length) : ''}
      </p>
      {state.status === 'error' && <ErrorMessage error={state.error} />}
      {state.status === 'done' && state.result.patients.length > 0 && (
        <>
          <table className="data-table results-table">
            <caption>{t.search.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.search.columns.name}</th>
                <th scope="col">{t.search.columns.cpr}</th>
                <th scope="col">{t.search.columns.birthDate}</th>
                <th scope="col">{t.search.columns.age}</th>
                <th scope="col">{t.search.columns.sex}</th>
                <th scope="col">{t.search.columns.access}</th>
              </tr>
            </thead>
            <tbody>
              {state.result.patients.map((patient) => (
                <ResultRow key={patient.id} patient={patient} lang={lang} />
              ))}
            </tbody>
          </table>
          {state.result.more && <p className="muted">{t.search.more(PAGE_SIZE)}</p>}
        </>
      )}
    </section>
  );
}

function ResultRow({ patient, lang }: { patient: Patient; lang: 'da' | 'en' }) {
  const { t } = useI18n();
  if (!patient.id) return null;
  const to = chartPath(patient.id);
  const restricted = hasNoCareRelation(patient);
  const age = ageInYears(patient.birthDate, new Date());
  // The whole row opens the chart on a click; the name is the link for keyboard and screen-reader users.
  const open = (e: MouseEvent<HTMLTableRowElement>) => {
    if (!(e.target as HTMLElement).closest('a')) navigate(to);
  };
  return (
    <tr className={restricted ? 'clickable restricted' : 'clickable'} onClick={open}>
      <th scope="row">
        <Link to={to}>{patientName(patient) || patient.id}</Link>
      </th>
      <td className="nowrap">{patientCpr(patient) ?? ''}</td>
      <td className="nowrap">{patient.birthDate ? formatDate(patient.birthDate, lang) : ''}</td>
      <td className="nowrap">{age !== undefined ? t.age(age) : ''}</td>
      <td>
        <SexText gender={patient.gender} />
      </td>
      <td>{restricted && <span className="badge badge-restricted">{t.search.noCareRelation}</span>}</td>
    </tr>
  );
}
