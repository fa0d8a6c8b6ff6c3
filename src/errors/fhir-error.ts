/**
 * The one error type of Kerne: an HTTP status plus a FHIR OperationOutcome.
 * @see https://hl7.org/fhir/R4/operationoutcome.html
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/** Issue codes from http://hl7.org/fhir/issue-type (the ones Kerne uses). */
export const IssueType = {
  invalid: 'invalid',
  structure: 'structure',
  required: 'required',
  value: 'value',
  invariant: 'invariant',
  codeInvalid: 'code-invalid',
  notFound: 'not-found',
  deleted: 'deleted',
  conflict: 'conflict',
  duplicate: 'duplicate',
  multipleMatches: 'multiple-matches',
  notSupported: 'not-supported',
  tooLong: 'too-long',
  tooCostly: 'too-costly',
  processing: 'processing',
  exception: 'exception',
  informational: 'informational',
  forbidden: 'forbidden',
  login: 'login',
  security: 'security',
  throttled: 'throttled',
  timeout: 'timeout',
  transient: 'transient',
} as const;
export type IssueType = (typeof IssueType)[keyof typeof IssueType];

export class FhirError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;
  /** Response headers the error needs, e.g. WWW-Authenticate on a 401 (RFC 6750). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: IssueType | OperationOutcomeIssue[],
    message?: string,
    expression?: string | string[],
    headers: Readonly<Record<string, string>> = {},
  ) {
    const issues: OperationOutcomeIssue[] = Array.isArray(code)
      ? code
      : [
          {
            severity: status >= 500 ? 'fatal' : 'error',
            code,
            details: { text: message ?? code },
            ...(expression !== undefined ? { expression: Array.isArray(expression) ? expression : [expression] } : {}),
          },
        ];
    super(issues.map((i) => i.details?.text ?? i.diagnostics ?? i.code).join('; '));
    this.name = 'FhirError';
    this.status = status;
    this.outcome = { resourceType: 'OperationOutcome', issue: issues };
    this.headers = headers;
  }
}

export const badRequest = (message: string, expression?: string | string[]) =>
  new FhirError(400, IssueType.invalid, message, expression);
export const notFound = (what: string) => new FhirError(404, IssueType.notFound, `${what} not found`);
export const gone = (what: string) => new FhirError(410, IssueType.deleted, `${what} has been deleted`);
export const conflict = (message: string, expression?: string) => new FhirError(409, IssueType.conflict, message, expression);
export const preconditionFailed = (message: string) => new FhirError(412, IssueType.conflict, message);
export const notSupported = (message: string, expression?: string) =>
  new FhirError(400, IssueType.notSupported, message, expression);
export const unprocessable = (issues: OperationOutcomeIssue[]) => new FhirError(422, issues);

/** An OperationOutcome that says all went well (for Prefer: return=OperationOutcome). */
export function informational(message: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', details: { text: message } }] };
}

/** Anything thrown becomes a FhirError; unknown errors are server faults (500) and keep no internals. */
export function toFhirError(err: unknown): FhirError {
  if (err instanceof FhirError) return err;
  const e = err as { outcome?: OperationOutcome; statusCode?: number; code?: string; message?: string };
  if (e?.outcome?.resourceType === 'OperationOutcome') {
    // @medplum/core's OperationOutcomeError (validation, FHIRPath, search parsing): the client's input.
    return new FhirError(400, (e.outcome.issue ?? []).map((i) => ({ ...i, severity: i.severity ?? 'error' })));
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = e.statusCode === 413 ? IssueType.tooLong : IssueType.invalid;
    return new FhirError(e.statusCode, code, e.message ?? 'Bad request');
  }
  return new FhirError(500, IssueType.exception, 'Internal server error');
}
