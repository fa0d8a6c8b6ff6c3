/**
 * Retrieval for a question (I/O at the edge): every concept term searched in the patient's passage
 * index (searchPassages), each source read through the caller's repository (access control, audit;
 * superseded and stale versions left out), each passage cited as a verbatim code-point span of the
 * indexed text; and the patient's structured medication, allergies and diagnoses that name a concept.
 * @see ../../../../shared/reference/journal-ai.md §3, §5
 */
import type { AllergyIntolerance, Condition, MedicationRequest, MedicationStatement, Resource } from '@medplum/fhirtypes';
import type { FhirRepository } from '../../fhir/repository/index.ts';
import { searchResources } from '../../logistics/index.ts';
import type { AnswerFact, RetrievedPassage } from '../api-types.ts';
import { searchPassages, type PassageHit } from '../search/passage-store.ts';
import { sectionPassages } from './section-passages.ts';
import { sourceText } from '../search/source-text.ts';
import { citeResource, citeSpan, sliceCodePoints } from '../text/index.ts';
import { labelPassage, type PassageLabel } from './passage-label.ts';
import type { QuestionPlan } from './question-plan.ts';

export interface Candidate {
  readonly passage: Omit<RetrievedPassage, 'id' | 'assertion'>;
  readonly label: PassageLabel;
  readonly score: number;
}

export interface FactCandidate {
  readonly fact: Omit<AnswerFact, 'id' | 'assertion'>;
  readonly label: PassageLabel;
  readonly active: boolean;
}

/** Searches per term; at most this many hits each. */
const HITS_PER_TERM = 30;

export async function retrievePassages(repo: FhirRepository, patientId: string, plan: QuestionPlan): Promise<Candidate[]> {
  const hits = new Map<string, PassageHit & { total: number }>();
  for (const concept of plan.concepts) {
    const best = new Map<string, number>();
    for (const term of concept.terms) {
      for (const hit of await searchPassages(repo.db, patientId, term, { limit: HITS_PER_TERM })) {
        const key = `${hit.source.type}/${hit.source.id}/${hit.start}`;
        best.set(key, Math.max(best.get(key) ?? 0, hit.score));
        if (!hits.has(key)) hits.set(key, { ...hit, total: 0 });
      }
    }
    for (const hit of concept.sections.length ? await sectionPassages(repo.db, patientId, concept.sections) : []) {
      const key = `${hit.source.type}/${hit.source.id}/${hit.start}`;
      best.set(key, Math.max(best.get(key) ?? 0, hit.score));
      if (!hits.has(key)) hits.set(key, { ...hit, total: 0 });
    }
    for (const [key, score] of best) hits.get(key)!.total += score; // passages naming more concepts rank higher
  }
  const sources = new Map<string, { version: number; text: string } | undefined>();
  const out: Candidate[] = [];
  for (const hit of hits.values()) {
    const label = labelPassage(hit.text, plan.concepts, hit.section);
    if (label.covered.size === 0) continue;
    const key = `${hit.source.type}/${hit.source.id}`;
    if (!sources.has(key)) sources.set(key, await readSource(repo, hit.source.type, hit.source.id));
    const source = sources.get(key);
    if (!source || source.version !== hit.source.version) continue; // unreadable, superseded, or re-indexing
    let quote: string;
    try {
      quote = sliceCodePoints(source.text, hit.start, hit.end);
    } catch {
      continue;
    }
    if (quote !== hit.text) continue;
    const c = citeSpan({ id: hit.source.id, version: hit.source.version, text: source.text }, hit.start, hit.end);
    out.push({
      passage: {
        citation: { kind: 'span', resourceType: hit.source.type, id: hit.source.id, versionId: String(c.version), start: c.start, end: c.end, unit: 'codepoint', contentHash: c.contentHash, quoteHash: c.quoteHash, quote },
        kind: hit.kind,
        ...(hit.section ? { section: hit.section } : {}),
        recorded: hit.recorded,
        text: hit.text,
      },
      label,
      score: hit.total,
    });
  }
  return out;
}

/** The source's indexed text at its current version; undefined when the caller may not read it or it is superseded. */
async function readSource(repo: FhirRepository, type: string, id: string): Promise<{ version: number; text: string } | undefined> {
  const stored = await repo.read(type, id).catch(() => undefined);
  if (!stored?.json) return undefined;
  const resource = JSON.parse(stored.json) as Resource & { status?: string; docStatus?: string };
  if (resource.status === 'superseded' || resource.status === 'entered-in-error' || resource.docStatus === 'entered-in-error') return undefined;
  const text = sourceText(resource)?.text;
  return text === undefined ? undefined : { version: stored.versionId, text };
}

const NO_KNOWN_ALLERGY_CODES = new Set(['716186003', '409137002', '428607008']);
const codeText = (c: { text?: string; coding?: { display?: string; code?: string }[] } | undefined) => c?.text ?? c?.coding?.[0]?.display ?? c?.coding?.[0]?.code ?? '';
const statusCode = (c: { coding?: { code?: string }[] } | undefined) => c?.coding?.[0]?.code;

/** The structured facts that name one of the question's concepts (medication by name or ATC, allergies, diagnoses). */
export async function retrieveFacts(repo: FhirRepository, patientId: string, plan: QuestionPlan): Promise<FactCandidate[]> {
  const subject: [string, string][] = [['subject', `Patient/${patientId}`]];
  const safe = <T extends Resource>(p: Promise<T[]>) => p.catch(() => [] as T[]);
  const [statements, requests, allergies, conditions] = await Promise.all([
    safe(searchResources<MedicationStatement>(repo, 'MedicationStatement', subject)),
    safe(searchResources<MedicationRequest>(repo, 'MedicationRequest', subject)),
    safe(searchResources<AllergyIntolerance>(repo, 'AllergyIntolerance', [['patient', `Patient/${patientId}`]])),
    safe(searchResources<Condition>(repo, 'Condition', subject)),
  ]);
  const out: FactCandidate[] = [];
  const add = (resource: Resource, text: string, match: string, recorded: string | undefined, active: boolean, extra?: (label: PassageLabel) => PassageLabel) => {
    let label = labelPassage(match, plan.concepts);
    if (extra) label = extra(label);
    if (label.covered.size === 0) return;
    const c = citeResource(resource);
    out.push({ fact: { text, citation: { kind: 'resource', ...c }, ...(recorded ? { recorded } : {}) }, label, active });
  };
  for (const m of [...statements, ...requests]) {
    const name = codeText(m.medicationCodeableConcept);
    const atc = m.medicationCodeableConcept?.coding?.find((c) => /atc/i.test(c.system ?? ''))?.code ?? '';
    const dose = (m.resourceType === 'MedicationStatement' ? m.dosage : m.dosageInstruction)?.[0]?.text;
    const active = m.status === 'active' || m.status === 'intended' || m.status === 'on-hold';
    const started = m.resourceType === 'MedicationStatement' ? (m.effectivePeriod?.start ?? m.dateAsserted) : m.authoredOn;
    const ended = m.resourceType === 'MedicationStatement' ? m.effectivePeriod?.end : undefined;
    add(m, `Medicin: ${dose ?? name} (${active ? 'aktiv' : 'seponeret'})`, name, active ? started : (ended ?? started), active, (label) => {
      const byAtc = plan.concepts.filter((c) => atc && c.atc.some((prefix) => atc.startsWith(prefix)));
      if (byAtc.length === 0) return { ...label, stopped: !active };
      return {
        ...label,
        stopped: !active,
        covered: new Set([...label.covered, ...byAtc.map((c) => c.id)]),
        mentions: [...label.mentions, ...byAtc.map((c) => ({ conceptId: c.id, term: name, start: 0, end: 0, assertion: 'present' as const }))],
      };
    });
  }
  for (const a of allergies) {
    if (statusCode(a.verificationStatus) === 'entered-in-error' || statusCode(a.verificationStatus) === 'refuted') continue;
    const code = a.code?.coding?.find((c) => c.code && NO_KNOWN_ALLERGY_CODES.has(c.code));
    const allergyConcepts = plan.concepts.filter((c) => c.allergy);
    if (allergyConcepts.length === 0) continue;
    const substance = codeText(a.code);
    const reaction = a.reaction?.[0]?.manifestation?.[0] ? codeText(a.reaction[0].manifestation[0]) : undefined;
    const text = code ? 'Allergi: Ingen kendte allergier' : `Allergi: ${substance}${reaction ? ` (${reaction})` : ''}`;
    add(a, text, code ? 'Ingen kendte allergier' : `${substance} allergi`, a.recordedDate, statusCode(a.clinicalStatus) !== 'inactive' && statusCode(a.clinicalStatus) !== 'resolved');
  }
  for (const c of conditions) {
    if (statusCode(c.verificationStatus) === 'entered-in-error' || statusCode(c.verificationStatus) === 'refuted') continue;
    const clinical = statusCode(c.clinicalStatus);
    const active = clinical === undefined || clinical === 'active' || clinical === 'recurrence' || clinical === 'relapse';
    const display = codeText(c.code);
    add(c, `Diagnose: ${display} (${active ? 'aktiv' : 'ophørt'})`, display, c.recordedDate ?? c.onsetDateTime, active, (label) => ({ ...label, assertion: active ? label.assertion : 'historical' }));
  }
  return out;
}
