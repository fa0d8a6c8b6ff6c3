/** Doctor's orders on the score as ServiceRequests: SpO2 Scale 2, and adjusted thresholds ("justeret NEWS2/TOKS") with the overlay in an extension that round-trips. @see ../../../docs/early-warning-codes.md @see https://hl7.org/fhir/R4/servicerequest.html */
import type { Extension, ServiceRequest } from '@medplum/fhirtypes';
import { isAdjustmentExpired } from './adjustment.ts';
import { EARLY_WARNING_SYSTEM, EarlyWarningCode, EarlyWarningExtension, ParameterCode } from './codes.ts';
import { PARAMETERS, type Adjustment, type Parameter } from './model.ts';
import type { Band } from './rule-set-schema.ts';

export interface Scale2Order {
  readonly reason: string;
  /** 'Practitioner/x'. */
  readonly author: string;
  readonly authoredOn: string;
  /** Review/expiry time; without one the order stands until revoked. */
  readonly expires?: string;
}

export interface OrderTarget {
  /** Omit to let the server assign one. */
  readonly id?: string;
  /** 'Patient/x'. */
  readonly patient: string;
  readonly encounter?: string;
}

const ORDER_INTENTS: readonly ServiceRequest['intent'][] = ['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order'];
const DISPLAY = {
  [EarlyWarningCode.spo2Scale2]: { en: 'Use SpO2 Scale 2 (NEWS2)', da: 'Brug SpO2-skala 2' },
  [EarlyWarningCode.adjustedThresholds]: { en: 'Adjusted early-warning thresholds', da: 'Justerede grænseværdier (justeret NEWS2/TOKS)' },
} as const;

function order(kind: typeof EarlyWarningCode.spo2Scale2 | typeof EarlyWarningCode.adjustedThresholds, target: OrderTarget, o: { reason: string; author: string; authoredOn: string; expires?: string }): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    ...(target.id ? { id: target.id } : {}),
    status: 'active',
    intent: 'order',
    code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: kind, display: DISPLAY[kind].en }], text: DISPLAY[kind].da },
    subject: { reference: target.patient },
    ...(target.encounter ? { encounter: { reference: target.encounter } } : {}),
    authoredOn: o.authoredOn,
    occurrencePeriod: { start: o.authoredOn, ...(o.expires ? { end: o.expires } : {}) },
    requester: { reference: o.author },
    reasonCode: [{ text: o.reason }],
  };
}

/** An active, order-intent ServiceRequest with this Kerne code, with reason and requester; else undefined. */
function readOrder(sr: ServiceRequest, kind: string): { reason: string; author: string; authoredOn: string; expires?: string } | undefined {
  if (sr.resourceType !== 'ServiceRequest' || sr.status !== 'active' || !ORDER_INTENTS.includes(sr.intent)) return undefined;
  if (!(sr.code?.coding ?? []).some((c) => c.system === EARLY_WARNING_SYSTEM && c.code === kind)) return undefined;
  const reason = sr.reasonCode?.map((r) => r.text).find((t) => !!t?.trim());
  const author = sr.requester?.reference;
  const authoredOn = sr.authoredOn ?? sr.occurrencePeriod?.start;
  if (!reason || !author || !authoredOn) return undefined;
  const expires = sr.occurrencePeriod?.end;
  return { reason, author, authoredOn, ...(expires ? { expires } : {}) };
}

export const buildScale2Order = (target: OrderTarget & { readonly order: Scale2Order }): ServiceRequest => order(EarlyWarningCode.spo2Scale2, target, target.order);

/** The Scale 2 order in a ServiceRequest; with `now`, only while in force (undefined once expired). */
export function readScale2Order(sr: ServiceRequest, now?: Date): Scale2Order | undefined {
  const o = readOrder(sr, EarlyWarningCode.spo2Scale2);
  if (!o || (now && !isScale2OrderInForce(o, now))) return undefined;
  return o;
}

export function isScale2OrderInForce(o: Scale2Order, now: Date): boolean {
  if (o.expires === undefined) return true;
  const ends = Date.parse(o.expires);
  return !Number.isNaN(ends) && now.getTime() < ends;
}

// --- The adjustment extension: { ruleSet?, monitoringMinutes?, band* { parameter, min?, max?, oxygen?, code*, value?, score } } ---

const PARAMETER_BY_CODE = new Map<string, Parameter>(PARAMETERS.map((p) => [ParameterCode[p], p]));

function bandExtension(parameter: Parameter, band: Band): Extension {
  const e: Extension[] = [{ url: 'parameter', valueCode: ParameterCode[parameter] }];
  if ('codes' in band) for (const code of band.codes) e.push({ url: 'code', valueCode: code });
  else if ('value' in band) e.push({ url: 'value', valueBoolean: band.value });
  else {
    if (band.min !== undefined) e.push({ url: 'min', valueDecimal: band.min });
    if (band.max !== undefined) e.push({ url: 'max', valueDecimal: band.max });
    if (band.oxygen !== undefined) e.push({ url: 'oxygen', valueBoolean: band.oxygen });
  }
  e.push({ url: 'score', valueInteger: band.score });
  return { url: 'band', extension: e };
}

function readBand(e: Extension): { parameter: Parameter; band: Band } | undefined {
  const get = (url: string) => e.extension?.find((x) => x.url === url);
  const parameter = PARAMETER_BY_CODE.get(get('parameter')?.valueCode ?? '');
  const score = get('score')?.valueInteger;
  if (!parameter || score === undefined) return undefined;
  const codes = (e.extension ?? []).filter((x) => x.url === 'code').map((x) => x.valueCode).filter((c): c is string => !!c);
  if (codes.length) return { parameter, band: { codes, score } };
  const value = get('value')?.valueBoolean;
  if (value !== undefined) return { parameter, band: { value, score } };
  const min = get('min')?.valueDecimal;
  const max = get('max')?.valueDecimal;
  const oxygen = get('oxygen')?.valueBoolean;
  return { parameter, band: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(oxygen !== undefined ? { oxygen } : {}), score } };
}

/** The adjusted-thresholds order: ServiceRequest (active, order), occurrencePeriod.end = expiry, reasonCode.text = reason, requester = author, the overlay in the adjustment extension. */
export function buildAdjustmentOrder(target: OrderTarget & { readonly adjustment: Adjustment }): ServiceRequest {
  const a = target.adjustment;
  const inner: Extension[] = [];
  if (a.ruleSet) inner.push({ url: 'ruleSet', valueCode: a.ruleSet });
  if (a.monitoringMinutes !== undefined) inner.push({ url: 'monitoringMinutes', valueInteger: a.monitoringMinutes });
  for (const p of PARAMETERS) for (const band of a.parameters?.[p] ?? []) inner.push(bandExtension(p, band));
  return { ...order(EarlyWarningCode.adjustedThresholds, target, a), extension: [{ url: EarlyWarningExtension.adjustment, extension: inner }] };
}

/** The Adjustment in an active adjusted-thresholds order (expired ones too: the engine flags them); undefined if not one, or malformed. */
export function readAdjustmentOrder(sr: ServiceRequest): Adjustment | undefined {
  const o = readOrder(sr, EarlyWarningCode.adjustedThresholds);
  const ext = sr.extension?.find((e) => e.url === EarlyWarningExtension.adjustment);
  if (!o || !o.expires || !ext) return undefined;
  const parameters: Partial<Record<Parameter, Band[]>> = {};
  for (const e of ext.extension ?? []) {
    if (e.url !== 'band') continue;
    const read = readBand(e);
    if (!read) return undefined;
    (parameters[read.parameter] ??= []).push(read.band);
  }
  const ruleSet = ext.extension?.find((e) => e.url === 'ruleSet')?.valueCode;
  const monitoringMinutes = ext.extension?.find((e) => e.url === 'monitoringMinutes')?.valueInteger;
  return {
    ...(Object.keys(parameters).length ? { parameters } : {}),
    ...(monitoringMinutes !== undefined ? { monitoringMinutes } : {}),
    reason: o.reason,
    author: o.author,
    authoredOn: o.authoredOn,
    expires: o.expires,
    ...(ruleSet ? { ruleSet } : {}),
  };
}

/** The newest adjustment still in force, else the newest expired one (so it can be flagged). */
export function currentAdjustment(serviceRequests: readonly ServiceRequest[], now: Date): Adjustment | undefined {
  const all = serviceRequests.map(readAdjustmentOrder).filter((a): a is Adjustment => a !== undefined).sort((a, b) => Date.parse(b.authoredOn) - Date.parse(a.authoredOn));
  return all.find((a) => !isAdjustmentExpired(a, now)) ?? all[0];
}

/** Whether any ServiceRequest is a Scale 2 order in force at `now`. */
export const hasScale2Order = (serviceRequests: readonly ServiceRequest[], now: Date): boolean => serviceRequests.some((sr) => readScale2Order(sr, now) !== undefined);
