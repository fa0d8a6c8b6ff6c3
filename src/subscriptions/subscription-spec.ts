/** Reads an R4 Subscription resource into what delivery needs, and says why it cannot be served. @see https://hl7.org/fhir/R4/subscription.html */
import type { Subscription } from '@medplum/fhirtypes';
import { compileCriteria, type Criteria } from './criteria.ts';

/** Extension on Subscription.channel holding the rest-hook signing secret (valueString). */
export const SECRET_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/subscription-secret';

/** The channel types Kerne serves (listed in the CapabilityStatement). */
export const SUBSCRIPTION_CHANNELS = ['rest-hook', 'websocket'] as const;
export type ChannelType = (typeof SUBSCRIPTION_CHANNELS)[number];

const JSON_PAYLOADS = new Set(['application/fhir+json', 'application/json']);

export interface SubscriptionSpec {
  readonly id: string;
  readonly versionId: number;
  readonly status: Subscription['status'];
  readonly criteria: Criteria;
  readonly channel: ChannelType;
  /** rest-hook only */
  readonly endpoint?: string;
  /** channel.header lines split into name and value. */
  readonly headers: readonly (readonly [string, string])[];
  /** Whether notifications carry the resource (channel.payload set); otherwise they are empty pings / id-only. */
  readonly withResource: boolean;
  readonly secret?: string;
}

/** Parses a Subscription; returns the spec, or the reason (for Subscription.error) it cannot be served. */
export function readSubscription(resource: Subscription): { spec: SubscriptionSpec } | { error: string } {
  const channel = resource.channel;
  const type = channel?.type as string | undefined;
  if (!SUBSCRIPTION_CHANNELS.includes(type as ChannelType)) {
    return { error: `Channel type '${String(type)}' is not supported; use ${SUBSCRIPTION_CHANNELS.join(' or ')}` };
  }
  let criteria: Criteria;
  try {
    criteria = compileCriteria(resource.criteria ?? '');
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (channel.payload && !JSON_PAYLOADS.has(channel.payload.split(';')[0]!.trim())) {
    return { error: `Payload '${channel.payload}' is not supported; use application/fhir+json` };
  }
  let endpoint: string | undefined;
  if (type === 'rest-hook') {
    try {
      const url = new URL(channel.endpoint ?? '');
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      endpoint = url.toString();
    } catch {
      return { error: `A rest-hook needs an http(s) channel.endpoint, not '${String(channel.endpoint ?? '')}'` };
    }
  }
  const headers: [string, string][] = [];
  for (const line of channel.header ?? []) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (colon < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { error: `Invalid channel.header '${line.slice(0, 80)}'; use 'Name: value'` };
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  const secret = (channel as { extension?: { url?: string; valueString?: string }[] }).extension?.find((e) => e.url === SECRET_EXTENSION)?.valueString;
  return {
    spec: {
      id: resource.id ?? '',
      versionId: Number(resource.meta?.versionId ?? 0),
      status: resource.status,
      criteria,
      channel: type as ChannelType,
      ...(endpoint ? { endpoint } : {}),
      headers,
      withResource: !!channel.payload,
      ...(secret ? { secret } : {}),
    },
  };
}
