/**
 * "Aktuel medicin" (journal-ai.md §4): active MedicationStatements (FMK-like) and MedicationRequests
 * with dose, route and frequency as structured. A drug a note stops ("seponeret", "pauseret",
 * "stoppet", "ophørt") after the drug's last structured date, and that no later note restarts, is
 * NOT shown as active: it stays in the section, after the active drugs, labelled historical with the
 * flag "Seponeret i notat DD.MM.YYYY" and the note's span as a second citation, so the lagging list
 * is visible and can be corrected. The structured date is the clinical one (dateAsserted, effective,
 * authoredOn), not meta.lastUpdated, which says when the copy was stored.
 */
import type { Dosage, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import type { OverviewItem } from '../api-types.ts';
import { assessContext, codePointLength, type Passage } from '../text/index.ts';
import { resourceCitation, spanCitation } from './cite.ts';
import { danishDate, latest, millis, newestFirst } from './dates.ts';
import { conceptText, quantityText } from './fhir-text.ts';
import type { OverviewInput, TextDocument } from './overview-input.ts';

const ATC = 'http://www.whocc.no/atc';
const ACTIVE_STATEMENT = new Set(['active', 'intended', 'on-hold']);
const ACTIVE_REQUEST = new Set(['active', 'on-hold']);
const STOP = /(?<![\p{L}])(?:seponer\p{L}*|pauser\p{L}*|stoppe[ts]?|stopper|ophør\p{L}*|udsat)(?![\p{L}])/iu;
const RESTART = /(?<![\p{L}])(?:opstart\p{L}*|genoptag\p{L}*|genstart\p{L}*|påbegyndt|påbegyndes|startes)(?![\p{L}])/iu;
const NOT_AFTER = /^\s+(?:ikke|ej)\b/iu;

type Medication = MedicationStatement | MedicationRequest;

const PERIOD_UNIT: Record<string, string> = { h: 'time', d: 'dag', wk: 'uge', mo: 'måned' };

/** "1 tablet oralt 2 gange dagligt": the dosage's text, else dose, route and frequency. */
export function dosageText(d: Dosage | undefined): string | undefined {
  if (!d) return undefined;
  if (d.text) return d.text;
  const dose = quantityText(d.doseAndRate?.[0]?.doseQuantity);
  const route = conceptText(d.route);
  const r = d.timing?.repeat;
  const frequency = conceptText(d.timing?.code) ?? (r?.frequency && r.periodUnit ? `${r.frequency} gange pr. ${r.period && r.period !== 1 ? `${r.period} ` : ''}${PERIOD_UNIT[r.periodUnit] ?? r.periodUnit}` : undefined);
  const parts = [dose, route, frequency, d.asNeededBoolean ? 'efter behov' : undefined].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

const nameOf = (m: Medication) => conceptText(m.medicationCodeableConcept) ?? m.medicationReference?.display ?? 'Ukendt lægemiddel';
const atcOf = (m: Medication) => m.medicationCodeableConcept?.coding?.find((c) => c.system === ATC)?.code;
const dosageOf = (m: Medication) => dosageText(m.resourceType === 'MedicationStatement' ? m.dosage?.[0] : m.dosageInstruction?.[0]);
/** The structured list's own date for the drug: when it was asserted, started, ordered or last changed clinically. */
const clinicalDate = (m: Medication) =>
  m.resourceType === 'MedicationStatement' ? latest(m.dateAsserted, m.effectiveDateTime, m.effectivePeriod?.start) : latest(m.authoredOn, m.dispenseRequest?.validityPeriod?.start);
const isActive = (m: Medication) => (m.resourceType === 'MedicationStatement' ? ACTIVE_STATEMENT : ACTIVE_REQUEST).has(m.status);

const namePattern = (name: string) => new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu');

/** The clauses of a passage (split at commas, semicolons, "og", "men"), as [from, to) UTF-16 indices. */
function clauses(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const m of text.matchAll(/[,;]|\s(?:og|men|samt)\s/giu)) {
    out.push([from, m.index]);
    from = m.index + m[0].length;
  }
  out.push([from, text.length]);
  return out;
}

/** What a passage says about the drug: 'stop' (a stop verb in the drug's clause, not negated, uncertain or hypothetical), 'restart', or undefined. */
export function drugEvent(passage: Passage, name: string): 'stop' | 'restart' | undefined {
  const pattern = namePattern(name);
  if (!pattern.test(passage.text)) return undefined;
  const cp = (i: number) => passage.start + codePointLength(passage.text.slice(0, i));
  for (const [from, to] of clauses(passage.text)) {
    const clause = passage.text.slice(from, to);
    if (!pattern.test(clause)) continue;
    const verb = STOP.exec(clause);
    if (verb && !NOT_AFTER.test(clause.slice(verb.index + verb[0].length))) {
      const at = from + verb.index;
      const ctx = assessContext(passage, { start: cp(at), end: cp(at + verb[0].length) });
      if (!ctx.negated && !ctx.uncertain && !ctx.hypothetical) return 'stop';
    }
    if (RESTART.test(clause)) return 'restart';
  }
  return undefined;
}

interface StopFound {
  readonly doc: TextDocument;
  readonly span: { start: number; end: number };
}

/** The latest note that stops the drug after `since`, unless a later note restarts it. */
function stoppedInNotes(docsNewestFirst: readonly TextDocument[], name: string, since: number): StopFound | undefined {
  for (const doc of docsNewestFirst) {
    if (millis(doc.recorded) <= since) return undefined;
    for (const p of doc.passages) {
      const event = drugEvent(p, name);
      if (event === 'restart') return undefined; // the newest word on the drug restarts it
      if (event === 'stop') return { doc, span: { start: p.start, end: p.end } };
    }
  }
  return undefined;
}

export function buildMedication(input: OverviewInput): OverviewItem[] {
  const meds: Medication[] = [...input.medicationStatements, ...input.medicationRequests].filter(isActive);
  // One item per drug (ATC or name): the statement and the order of the same drug are merged.
  const byDrug = new Map<string, Medication[]>();
  for (const m of newestFirst(meds, clinicalDate)) {
    const k = atcOf(m) ?? nameOf(m).toLocaleLowerCase('da');
    byDrug.set(k, [...(byDrug.get(k) ?? []), m]);
  }
  const docs = newestFirst(input.documents.filter((d) => STOP.test(d.text) || RESTART.test(d.text)), (d) => d.recorded);
  const active: OverviewItem[] = [];
  const stopped: OverviewItem[] = [];
  for (const group of byDrug.values()) {
    const m = group[0]!;
    const name = nameOf(m);
    const dose = dosageOf(m);
    const text = dose ? (dose.toLocaleLowerCase('da').includes(name.toLocaleLowerCase('da')) ? dose : `${name} ${dose}`) : name;
    const date = clinicalDate(m);
    const citations = group.map(resourceCitation);
    const flags = group.some((g) => g.status === 'on-hold') ? ['Pauseret'] : [];
    const stop = stoppedInNotes(docs, name, millis(date));
    if (stop) {
      stopped.push({ text, date: stop.doc.recorded, origin: 'structured', citations: [...citations, spanCitation(stop.doc, stop.span.start, stop.span.end)], assertion: 'historical', flags: [...flags, `Seponeret i notat ${danishDate(stop.doc.recorded)}`] });
    } else {
      active.push({ text, ...(date ? { date } : {}), origin: 'structured', citations, ...(flags.length ? { flags } : {}) });
    }
  }
  const byName = (a: OverviewItem, b: OverviewItem) => a.text.localeCompare(b.text, 'da');
  return [...active.sort(byName), ...stopped.sort(byName)];
}
