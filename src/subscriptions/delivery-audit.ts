/** The audit hook of notifications: subscriptions deliver outside any request, so each delivery of patient data is recorded. */

/** A notification that carried patient data out of Kerne (payload full-resource), for the audit log. */
export interface SubscriptionDelivery {
  readonly subscriptionId: string;
  readonly channel: 'rest-hook' | 'websocket';
  /** Where it went: the rest-hook endpoint, or the number of bound websocket clients. */
  readonly destination: string;
  readonly patientId: string;
  /** The resource version sent, e.g. 'Observation/1/_history/2'. */
  readonly what: string;
}

/** Records a delivery in the audit log; throws while the log cannot be written (the delivery then waits). */
export type AuditDelivery = (delivery: SubscriptionDelivery) => void;
