/** One rest-hook notification: an HTTP POST to Subscription.channel.endpoint. @see https://hl7.org/fhir/R4/subscription.html#2.46.7.1 */
import { SIGNATURE_HEADER, signBody } from './signature.ts';
import type { SubscriptionSpec } from './subscription-spec.ts';

export const DELIVERY_HEADER = 'x-kerne-delivery';

export interface Notification {
  /** `<subscription id>:<outbox seq>`: the same on every retry, so receivers can drop duplicates. */
  readonly deliveryId: string;
  /** The resource as JSON text, or '' for an empty ping (no channel.payload, or a delete). */
  readonly body: string;
}

/** Posts the notification; resolves on a 2xx answer, throws otherwise (redirects are not followed). */
export async function postNotification(spec: SubscriptionSpec, n: Notification, options: { timeoutMs: number; signal: AbortSignal }): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of spec.headers) headers.append(name, value);
  if (n.body) headers.set('content-type', 'application/fhir+json; charset=utf-8');
  if (spec.secret) headers.set(SIGNATURE_HEADER, signBody(spec.secret, n.body));
  headers.set(DELIVERY_HEADER, n.deliveryId);
  headers.set('user-agent', 'Kerne-Subscriptions');
  const res = await fetch(spec.endpoint!, {
    method: 'POST',
    headers,
    body: n.body,
    redirect: 'manual',
    signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal]),
  });
  await res.body?.cancel().catch(() => {});
  if (res.status < 200 || res.status > 299) throw new Error(`${spec.endpoint} answered HTTP ${res.status}`);
}
