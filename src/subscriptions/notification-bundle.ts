/**
 * Websocket notifications in the R4 Backport style: a Bundle of type 'history' whose first entry is a
 * Parameters SubscriptionStatus (type handshake | event-notification), then the changed resource when
 * channel.payload is set (full-resource), else only the status' focus reference (id-only).
 * event-number is the outbox seq: increasing, with gaps. Not claimed conformant: criteria-based R4
 * Subscriptions have no topic, so the status has no `topic` parameter.
 * @see https://hl7.org/fhir/uv/subscriptions-backport/STU1.1/StructureDefinition-backport-subscription-notification-r4.html
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Parameters, ParametersParameter, Resource } from '@medplum/fhirtypes';
import type { ChangeEvent } from '../events/index.ts';

const IG = 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition';

export interface NotificationEvent {
  readonly event: Pick<ChangeEvent, 'seq' | 'type' | 'id' | 'versionId' | 'action' | 'at'>;
  /** Included when the subscription asks for the payload (and the change is not a delete). */
  readonly resource?: Resource | undefined;
}

export function notificationBundle(baseUrl: string, subscriptionId: string, type: 'handshake' | 'event-notification', events: readonly NotificationEvent[] = []): Bundle {
  const parameter: ParametersParameter[] = [
    { name: 'subscription', valueReference: { reference: `${baseUrl}/Subscription/${subscriptionId}` } },
    { name: 'status', valueCode: 'active' },
    { name: 'type', valueCode: type },
  ];
  for (const { event } of events) {
    parameter.push({
      name: 'notification-event',
      part: [
        { name: 'event-number', valueString: event.seq },
        { name: 'timestamp', valueInstant: event.at },
        { name: 'focus', valueReference: { reference: `${event.type}/${event.id}/_history/${event.versionId}` } },
      ],
    });
  }
  const status: Parameters = { resourceType: 'Parameters', id: randomUUID(), meta: { profile: [`${IG}/backport-subscription-status-r4`] }, parameter };
  const entry: BundleEntry[] = [
    { fullUrl: `urn:uuid:${status.id}`, resource: status, request: { method: 'GET', url: `Subscription/${subscriptionId}/$status` }, response: { status: '200' } },
  ];
  for (const { event, resource } of events) {
    const url = `${event.type}/${event.id}`;
    entry.push({
      fullUrl: `${baseUrl}/${url}`,
      ...(resource && event.action !== 'delete' ? { resource } : {}),
      request: event.action === 'delete' ? { method: 'DELETE', url } : event.action === 'create' ? { method: 'POST', url: event.type } : { method: 'PUT', url },
      response: { status: event.action === 'create' ? '201' : event.action === 'delete' ? '204' : '200' },
    });
  }
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: [`${IG}/backport-subscription-notification-r4`] },
    type: 'history',
    timestamp: new Date().toISOString(),
    entry,
  };
}
