/**
 * Notes, documents, results and PRO answers on the timeline (pure). A Composition is a note once
 * signed (a draft stays off); a DocumentReference a document (inline text, or a link to an http(s)
 * attachment); a DiagnosticReport a result with its Observations' values; an Observation a result
 * only if it is a laboratory, imaging, exam or procedure result outside a report. Vital signs,
 * device readings and early-warning scores (category vital-signs or survey) stay off the timeline:
 * the Målinger module charts them.
 * A QuestionnaireResponse is the patient's PRO answers.
 */
import type { Composition, DiagnosticReport, DocumentReference, Observation, QuestionnaireResponse, QuestionnaireResponseItem, Reference } from '@medplum/fhirtypes';
import { isDeviceReadingId } from '../devices/index.ts';
import { attachmentText, narrativeText } from '../journal/index.ts';
import { refId } from '../logistics/index.ts';
import { TimelineKind, TimelineSector, type TimelineEntry } from './api-types.ts';
import { clip, conceptText, entryBase, firstLines, MAX_DETAIL, MAX_TEXT, quantityText, recordSector, type TimelineContext } from './entry-parts.ts';

const ERRONEOUS = new Set(['entered-in-error', 'cancelled']);
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
/** Observation categories that are results on the timeline. */
export const RESULT_CATEGORIES: readonly string[] = ['laboratory', 'imaging', 'exam', 'procedure'];

export function compositionEntry(c: Composition, context: TimelineContext): TimelineEntry | undefined {
  // A draft (src/notes) is not the record yet: on the timeline once signed, as in the journal search.
  if (!c.date || ERRONEOUS.has(c.status) || c.status === 'preliminary') return undefined;
  const body = (c.section ?? []).flatMap((s) => [s.title ? `${s.title}:` : '', narrativeText(s.text?.div)]).filter(Boolean).join('\n');
  const title = c.title || conceptText(c.type) || 'Notat';
  const type = conceptText(c.type);
  const text = clip(body, MAX_TEXT);
  return {
    ...entryBase(c, TimelineKind.note, recordSector(c.encounter, [c.custodian, ...(c.author ?? [])], context), c.date, title),
    ...(firstLines(body) ? { detail: type && type !== title ? clip(`${type} · ${firstLines(body)}`, MAX_DETAIL)! : firstLines(body)! } : {}),
    ...(text ? { text } : {}),
    status: c.status,
  };
}

const HTTP_URL = /^https?:\/\//i;

export function documentEntry(d: DocumentReference, context: TimelineContext): TimelineEntry | undefined {
  const attachment = d.content?.[0]?.attachment;
  const start = d.date ?? d.context?.period?.start ?? attachment?.creation;
  if (!start || d.status === 'entered-in-error') return undefined;
  const type = conceptText(d.type);
  const title = d.description || type || attachment?.title || 'Dokument';
  const text = clip((d.content ?? []).map((c) => attachmentText(c.attachment)).filter(Boolean).join('\n'), MAX_TEXT);
  const linked = (d.content ?? []).map((c) => c.attachment).find((a) => a?.url && HTTP_URL.test(a.url));
  const detail = [type && type !== title ? type : undefined, firstLines(text)].filter(Boolean).join(' · ');
  const encounter = d.context?.encounter?.[0];
  return {
    ...entryBase(d, TimelineKind.document, recordSector(encounter, [d.custodian, ...(d.author ?? [])], context), start, title),
    ...(detail ? { detail: clip(detail, MAX_DETAIL)! } : {}),
    ...(text ? { text } : {}),
    ...(linked?.url ? { link: { url: linked.url, ...(linked.title ? { title: linked.title } : {}), ...(linked.contentType ? { contentType: linked.contentType } : {}) } } : {}),
    status: d.status,
  };
}

const INTERPRETATION: Readonly<Record<string, string>> = {
  H: 'højt', HH: 'kritisk højt', L: 'lavt', LL: 'kritisk lavt', A: 'unormalt', AA: 'kritisk unormalt', N: 'normalt', POS: 'positiv', NEG: 'negativ',
};

/** "8,1 mmol/L (lavt; ref. 8,3–10,5)": the value, its interpretation and reference range in Danish. */
export function observationValueText(o: Observation): string | undefined {
  const value =
    quantityText(o.valueQuantity) ??
    o.valueString ??
    conceptText(o.valueCodeableConcept) ??
    (o.valueInteger !== undefined ? String(o.valueInteger) : undefined) ??
    (o.valueBoolean !== undefined ? (o.valueBoolean ? 'ja' : 'nej') : undefined);
  if (value === undefined) return undefined;
  const flags = (o.interpretation ?? []).flatMap((i) => i.coding ?? []).map((c) => INTERPRETATION[c.code ?? ''] ?? c.display).filter(Boolean);
  const range = o.referenceRange?.[0];
  const low = range?.low?.value !== undefined ? String(range.low.value).replace('.', ',') : undefined;
  const high = range?.high?.value !== undefined ? String(range.high.value).replace('.', ',') : undefined;
  const ref = range?.text ?? (low !== undefined || high !== undefined ? `${low ?? ''}–${high ?? ''}` : undefined);
  const extra = [...flags, ...(ref ? [`ref. ${ref}`] : [])].join('; ');
  return extra ? `${value} (${extra})` : value;
}

const observationTime = (o: Observation) => o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued;

/** Is the Observation a result of its own on the timeline (not a vital sign, device reading or score)? */
export function isResultObservation(o: Observation): boolean {
  if (o.id && isDeviceReadingId(o.id)) return false;
  if (o.device) return false;
  const categories = (o.category ?? []).flatMap((c) => c.coding ?? []).filter((c) => c.system === OBSERVATION_CATEGORY || !c.system).map((c) => c.code);
  return categories.some((c) => c !== undefined && RESULT_CATEGORIES.includes(c));
}

export function observationEntry(o: Observation, context: TimelineContext): TimelineEntry | undefined {
  const start = observationTime(o);
  if (!start || ERRONEOUS.has(o.status) || !isResultObservation(o)) return undefined;
  const title = conceptText(o.code) ?? 'Resultat';
  const value = observationValueText(o);
  return {
    ...entryBase(o, TimelineKind.result, recordSector(o.encounter, o.performer ?? [], context), start, title),
    ...(value ? { detail: clip(value, MAX_DETAIL)! } : {}),
    status: o.status,
  };
}

/** A report with the values of its Observations (those at hand), one line each. */
export function reportEntry(r: DiagnosticReport, context: TimelineContext, observations: ReadonlyMap<string, Observation>): TimelineEntry | undefined {
  const start = r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued;
  if (!start || ERRONEOUS.has(r.status)) return undefined;
  const title = conceptText(r.code) ?? 'Svar';
  const lines = (r.result ?? [])
    .map((ref) => observations.get(refId(ref, 'Observation') ?? ''))
    .filter((o): o is Observation => o !== undefined)
    .map((o) => [conceptText(o.code), observationValueText(o)].filter(Boolean).join(': '));
  const text = clip([r.conclusion, ...lines].filter(Boolean).join('\n'), MAX_TEXT);
  const count = r.result?.length ?? 0;
  const detail = r.conclusion ?? (lines.length > 0 ? lines.join('; ') : count > 0 ? `${count} ${count === 1 ? 'resultat' : 'resultater'}` : undefined);
  return {
    ...entryBase(r, TimelineKind.result, recordSector(r.encounter, r.performer ?? [], context), start, title),
    ...(detail ? { detail: clip(detail, MAX_DETAIL)! } : {}),
    ...(text ? { text } : {}),
    status: r.status,
  };
}

/** The Observations a set of reports lists (they are shown inside their report, not on their own). */
export function reportedObservationIds(reports: readonly DiagnosticReport[]): Set<string> {
  return new Set(reports.flatMap((r) => (r.result ?? []).map((ref) => refId(ref, 'Observation')).filter((id): id is string => !!id)));
}

const PATIENT_AUTHORS = new Set(['Patient', 'RelatedPerson']);
const isPatientParty = (ref: Reference | undefined) => !ref?.reference || PATIENT_AUTHORS.has(ref.reference.split('/')[0] ?? '');

function answerText(item: QuestionnaireResponseItem): string {
  return (item.answer ?? [])
    .map((a) => a.valueString ?? conceptText(a.valueCoding ? { coding: [a.valueCoding] } : undefined) ?? quantityText(a.valueQuantity) ?? a.valueInteger?.toString() ?? a.valueDecimal?.toString().replace('.', ',') ?? (a.valueBoolean === undefined ? undefined : a.valueBoolean ? 'ja' : 'nej') ?? a.valueDate ?? a.valueDateTime)
    .filter(Boolean)
    .join(', ');
}

function answerLines(items: readonly QuestionnaireResponseItem[] | undefined, depth = 0): string[] {
  if (!items || depth > 4) return [];
  return items.flatMap((item) => {
    const answer = answerText(item);
    const own = answer ? [`${item.text ?? item.linkId}: ${answer}`] : [];
    return [...own, ...answerLines(item.item, depth + 1), ...(item.answer ?? []).flatMap((a) => answerLines(a.item, depth + 1))];
  });
}

export function questionnaireResponseEntry(q: QuestionnaireResponse, context: TimelineContext): TimelineEntry | undefined {
  if (!q.authored || (q.status !== 'completed' && q.status !== 'amended')) return undefined;
  const canonical = q.questionnaire?.split('|')[0] ?? '';
  const questionnaire = context.questionnaires.get(canonical);
  const name = questionnaire?.title ?? questionnaire?.name;
  const byPatient = isPatientParty(q.author) && isPatientParty(q.source);
  const sector = byPatient ? TimelineSector.patient : recordSector(q.encounter, [q.author], context);
  const lines = answerLines(q.item);
  const text = clip(lines.join('\n'), MAX_TEXT);
  return {
    ...entryBase(q, TimelineKind.pro, sector, q.authored, name ? `Spørgeskema: ${name}` : 'Spørgeskema besvaret'),
    detail: lines.length === 1 ? clip(lines[0], MAX_DETAIL)! : `${lines.length} svar`,
    ...(text ? { text } : {}),
    status: q.status,
  };
}
