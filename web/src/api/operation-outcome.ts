/** Reading the server's errors: every error is a FHIR OperationOutcome; users see issue[0].diagnostics. Pure. */
import type { OperationOutcome } from '@medplum/fhirtypes';

export const isOperationOutcome = (value: unknown): value is OperationOutcome =>
  typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome';

/** The text to show: issue[0].diagnostics, else its details.text. */
export function outcomeMessage(outcome: OperationOutcome | undefined): string | undefined {
  const issue = outcome?.issue?.[0];
  return issue?.diagnostics ?? issue?.details?.text ?? undefined;
}

/** True when issue[0].details carries the coding system|code. */
export function outcomeHasCode(outcome: OperationOutcome | undefined, system: string, code: string): boolean {
  return outcome?.issue?.[0]?.details?.coding?.some((c) => c.system === system && c.code === code) ?? false;
}
