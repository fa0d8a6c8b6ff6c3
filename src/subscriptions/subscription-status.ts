/** Server-side Subscription.status changes (requested → active, → error with Subscription.error), written through the repository. @see https://hl7.org/fhir/R4/valueset-subscription-status.html */
import type { Subscription } from '@medplum/fhirtypes';
import { FhirError } from '../errors/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';

/**
 * Sets the status if the Subscription is still at `versionId` (If-Match), so that when several nodes
 * react to the same change only one writes; returns false when another write came first.
 */
export async function setSubscriptionStatus(
  repo: FhirRepository,
  current: Subscription,
  status: Subscription['status'],
  error?: string,
): Promise<boolean> {
  const { error: _previous, ...rest } = current;
  const next: Subscription = { ...rest, status, ...(error ? { error: error.slice(0, 1000) } : {}) };
  try {
    await repo.update(next, { ifMatch: Number(current.meta?.versionId) });
    return true;
  } catch (err) {
    if (err instanceof FhirError && (err.status === 412 || err.status === 404 || err.status === 410)) return false;
    throw err;
  }
}
