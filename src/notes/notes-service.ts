/**
 * /api/notes behind the routes: a patient's notes, drafts that save themselves (optimistic
 * concurrency: a stale version is a 409), signing (the structured fields become resources, the
 * Composition final, a Provenance names the author, all in one transaction) and amending (a new
 * version of the same Composition, status 'amended', with the reason; changed values update their
 * resources). Every read and write goes through the caller's repository (care relation, audit).
 *
 * Who may do what (decided here):
 * - write a draft: a role the template names (nurses: sygeplejestatus; doctors: every template);
 * - save and sign a draft: its author only (a signature is personal);
 * - amend a signed note: its author (still holding a role of the template), or any doctor; the one
 *   amending becomes the author of the new version.
 * System clients (integrations) may do all of it, as everywhere in Kerne.
 */
import type { Composition, Encounter, Practitioner, Reference, Resource } from '@medplum/fhirtypes';
import { badRequest, conflict, FhirError, IssueType } from '../errors/index.ts';
import type { FhirRepository, WriteContext } from '../fhir/repository/index.ts';
import { OPEN_ENCOUNTER_STATUSES, searchResources, type Caller } from '../logistics/index.ts';
import { actorOf, hasRole } from '../vitals/index.ts';
import type {
  AmendNoteRequest, CreateNoteRequest, NoteContent, NoteFieldKey, NoteList, NoteStatus, NoteSummary, NoteTemplateList, NoteTemplateView, NoteVersionSummary, NoteVersionView, NoteView,
} from './api-types.ts';
import { buildComposition, readNote } from './note-composition.ts';
import { noteProvenance } from './note-provenance.ts';
import { checkContent, checkSignable, type FieldProblem } from './note-validation.ts';
import { amendmentSteps, structuredResources, type NoteContext } from './structured-resources.ts';
import { NOTE_TEMPLATES, Role, templateById } from './templates.ts';

const SIGNED: readonly string[] = ['final', 'amended'];
export const MIN_REASON_LENGTH = 5;

/** A 400 listing every problem with its field. */
export function fieldErrors(problems: readonly FieldProblem[]): FhirError {
  return new FhirError(400, problems.map((p) => ({ severity: 'error' as const, code: IssueType.invalid, details: { text: p.message }, expression: [p.expression] })));
}

const forbidden = (message: string) => new FhirError(403, IssueType.forbidden, message);
const parse = <T>(json: string | null) => JSON.parse(json ?? '{}') as T;

/** The caller as the note's author: the Practitioner, or a name only (system clients). */
export const authorOf = (caller: Caller): Reference<Practitioner> => actorOf(caller) ?? { display: caller.principal.display };

const isAuthor = (c: Composition, caller: Caller): boolean => {
  const author = c.author?.[0];
  const fhirUser = caller.principal.fhirUser;
  return fhirUser ? author?.reference === fhirUser : !author?.reference && author?.display === caller.principal.display;
};

export class NotesService {
  readonly #now: () => Date;

  constructor(deps: { now?: () => Date } = {}) {
    this.#now = deps.now ?? (() => new Date());
  }

  templates(): NoteTemplateList {
    return { templates: NOTE_TEMPLATES };
  }

  async list(caller: Caller, patientId: string): Promise<NoteList> {
    await caller.repo.read('Patient', patientId); // 403/404 as an OperationOutcome; audited
    const found = await searchResources<Composition>(caller.repo, 'Composition', [['subject', `Patient/${patientId}`], ['_sort', '-date']]);
    const notes: NoteSummary[] = [];
    for (const c of found) {
      // Only an amended note has more than one signed version: its history is read for the count.
      const signedVersions = c.status === 'amended' ? (await this.#versions(caller.repo, c.id!)).length : SIGNED.includes(c.status) ? 1 : 0;
      notes.push(summary(c, Number(c.meta?.versionId ?? 1), signedVersions));
    }
    return { notes };
  }

  async get(caller: Caller, id: string): Promise<NoteView> {
    const stored = await caller.repo.read('Composition', id);
    return this.#view(caller.repo, parse<Composition>(stored.json), stored.versionId);
  }

  async version(caller: Caller, id: string, versionId: string): Promise<NoteVersionView> {
    const stored = await caller.repo.vread('Composition', id, versionId);
    const c = parse<Composition>(stored.json);
    const read = readNote(c);
    return {
      id, versionId: stored.versionId, status: c.status, title: c.title, date: c.date, author: read.author, sections: read.sections,
      ...(read.content ? { content: read.content } : {}), ...(read.reason ? { reason: read.reason } : {}),
    };
  }

  async create(caller: Caller, patientId: string, body: CreateNoteRequest): Promise<NoteView> {
    const template = templateById(body.templateId);
    if (!template) throw badRequest(`Unknown note template '${String(body.templateId).slice(0, 40)}'`, 'templateId');
    this.#mayWrite(caller, template);
    await caller.repo.read('Patient', patientId);
    const content = this.#content(template, body.content);
    const encounterId = await openEncounter(caller.repo, patientId);
    const composition = buildComposition({ template, content, status: 'preliminary', patientId, ...(encounterId ? { encounterId } : {}), author: authorOf(caller), date: this.#now().toISOString() });
    const written = await caller.repo.create(composition);
    return this.#view(caller.repo, written.resource as Composition, written.stored.versionId);
  }

  async saveDraft(caller: Caller, id: string, version: number, input: unknown): Promise<NoteView> {
    const { resource, versionId } = await caller.repo.transaction(async (ctx) => {
      const { composition, template } = await this.#current(caller, ctx, id, version);
      if (composition.status !== 'preliminary') throw conflict(`Composition/${id} is signed (${composition.status}): amend it instead`, 'status');
      if (!isAuthor(composition, caller)) throw forbidden('Only the author may change a draft');
      const content = this.#content(template, input);
      const read = readNote(composition);
      const next = buildComposition({ template, content, status: 'preliminary', patientId: read.patientId!, ...(read.encounterId ? { encounterId: read.encounterId } : {}), author: authorOf(caller), date: this.#now().toISOString(), id });
      const written = await updateChecked(caller.repo, ctx, next, version);
      return { resource: written.resource as Composition, versionId: written.stored.versionId };
    });
    return this.#view(caller.repo, resource, versionId);
  }

  async sign(caller: Caller, id: string, version: number): Promise<NoteView> {
    const { resource, versionId } = await caller.repo.transaction(async (ctx) => {
      const { composition, template } = await this.#current(caller, ctx, id, version);
      if (composition.status !== 'preliminary') throw conflict(`Composition/${id} is already signed (${composition.status})`, 'status');
      if (!isAuthor(composition, caller)) throw forbidden('Only the author may sign a draft');
      this.#mayWrite(caller, template);
      const read = readNote(composition);
      const content = this.#content(template, read.content ?? { sections: {}, fields: {} });
      const unsignable = checkSignable(content);
      if (unsignable.length) throw fieldErrors(unsignable);
      const at = this.#now().toISOString();
      const context = noteContext(read, authorOf(caller), at);
      const resources: Partial<Record<NoteFieldKey, string>> = {};
      const targets: string[] = [];
      for (const { field, resource } of structuredResources(content.fields, context)) {
        const written = await caller.repo.createIn(ctx, resource);
        resources[field] = `${resource.resourceType}/${written.stored.id}`;
        targets.push(`${resources[field]}/_history/${written.stored.versionId}`);
      }
      const signed = buildComposition({ template, content, status: 'final', patientId: context.patientId, ...(context.encounterId ? { encounterId: context.encounterId } : {}), author: context.author, date: at, resources, id });
      const written = await updateChecked(caller.repo, ctx, signed, version);
      await caller.repo.createIn(ctx, noteProvenance({ targets: [`Composition/${id}/_history/${written.stored.versionId}`, ...targets], author: context.author, at }));
      return { resource: written.resource as Composition, versionId: written.stored.versionId };
    });
    return this.#view(caller.repo, resource, versionId);
  }

  async amend(caller: Caller, id: string, version: number, body: AmendNoteRequest): Promise<NoteView> {
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    if (reason.length < MIN_REASON_LENGTH || reason.length > 1000) throw badRequest(`Say why the note is amended (${MIN_REASON_LENGTH} to 1000 characters)`, 'reason');
    const { resource, versionId } = await caller.repo.transaction(async (ctx) => {
      const { composition, template } = await this.#current(caller, ctx, id, version);
      if (!SIGNED.includes(composition.status)) throw conflict(`Composition/${id} is not signed (${composition.status}): save the draft instead`, 'status');
      const doctor = caller.principal.kind !== 'system' && hasRole(caller.principal, [Role.doctor]);
      if (!doctor && !(isAuthor(composition, caller) && hasRole(caller.principal, template.roles))) throw forbidden('Only the author or a doctor may amend a signed note');
      const content = this.#content(template, body.content);
      const unsignable = checkSignable(content);
      if (unsignable.length) throw fieldErrors(unsignable);
      const read = readNote(composition);
      const at = this.#now().toISOString();
      const context = noteContext(read, authorOf(caller), at);
      const written: Partial<Record<NoteFieldKey, Resource>> = {};
      for (const [field, reference] of Object.entries(read.resources)) {
        const [type, rid] = reference.split('/');
        const current = await caller.repo.read(type!, rid!, ctx.q);
        written[field as NoteFieldKey] = parse<Resource>(current.json);
      }
      const resources: Partial<Record<NoteFieldKey, string>> = {};
      const targets: string[] = [];
      for (const step of amendmentSteps(read.content, content, written, context)) {
        if (step.action === 'keep') {
          resources[step.field] = step.reference;
          continue;
        }
        const result = step.action === 'create' ? await caller.repo.createIn(ctx, step.resource) : await caller.repo.updateIn(ctx, step.resource);
        const reference = `${step.resource.resourceType}/${result.stored.id}`;
        targets.push(`${reference}/_history/${result.stored.versionId}`);
        if (step.action !== 'retire') resources[step.field] = reference;
      }
      const amended = buildComposition({ template, content, status: 'amended', patientId: context.patientId, ...(context.encounterId ? { encounterId: context.encounterId } : {}), author: context.author, date: at, resources, reason, id });
      const stored = await updateChecked(caller.repo, ctx, amended, version);
      await caller.repo.createIn(ctx, noteProvenance({
        targets: [`Composition/${id}/_history/${stored.stored.versionId}`, ...targets], author: context.author, at,
        amendment: { reason, revises: `Composition/${id}/_history/${version}` },
      }));
      return { resource: stored.resource as Composition, versionId: stored.stored.versionId };
    });
    return this.#view(caller.repo, resource, versionId);
  }

  /** The note as stored at `version` (else 409), with its template (notes not written from a template cannot be edited here). */
  async #current(caller: Caller, ctx: WriteContext, id: string, version: number): Promise<{ composition: Composition; template: NoteTemplateView }> {
    const stored = await caller.repo.read('Composition', id, ctx.q);
    if (stored.versionId !== version) throw conflict(`The note has changed since you opened it: it is at version ${stored.versionId}, not ${version}. Reload it.`, 'version');
    const composition = parse<Composition>(stored.json);
    const template = templateById(readNote(composition).templateId ?? '');
    if (!template) throw badRequest(`Composition/${id} was not written from a note template and cannot be edited here`, 'id');
    return { composition, template };
  }

  #mayWrite(caller: Caller, template: NoteTemplateView): void {
    if (!hasRole(caller.principal, template.roles)) throw forbidden(`${template.title.en} is written by the role ${template.roles.join(' or ')}`);
  }

  #content(template: NoteTemplateView, input: unknown): NoteContent {
    const checked = checkContent(template, input);
    if (!checked.ok) throw fieldErrors(checked.problems);
    return checked.content;
  }

  async #versions(repo: FhirRepository, id: string): Promise<NoteVersionSummary[]> {
    const page = await repo.history({ type: 'Composition', id, count: 1000, offset: 0 });
    const signed = page.versions
      .filter((v) => v.json)
      .map((v) => ({ versionId: v.versionId, c: parse<Composition>(v.json) }))
      .filter((v) => SIGNED.includes(v.c.status))
      .sort((a, b) => a.versionId - b.versionId);
    return signed.map((v, i) => {
      const read = readNote(v.c);
      return { number: i + 1, versionId: v.versionId, status: v.c.status as NoteStatus, date: v.c.date, author: read.author, ...(read.reason ? { reason: read.reason } : {}) };
    });
  }

  async #view(repo: FhirRepository, c: Composition, versionId: number): Promise<NoteView> {
    const read = readNote(c);
    const versions = SIGNED.includes(c.status) ? await this.#versions(repo, c.id!) : [];
    return {
      ...summary(c, versionId, versions.length),
      patientId: read.patientId ?? '',
      ...(read.content ? { content: read.content } : {}),
      sections: read.sections,
      versions,
      resources: read.resources,
      ...(read.reason ? { amendmentReason: read.reason } : {}),
    };
  }
}

function summary(c: Composition, versionId: number, signedVersions: number): NoteSummary {
  const read = readNote(c);
  return { id: c.id!, title: c.title, ...(read.templateId ? { templateId: read.templateId } : {}), status: c.status, date: c.date, author: read.author, versionId, signedVersions };
}

function noteContext(read: ReturnType<typeof readNote>, author: Reference<Practitioner>, at: string): NoteContext & { patientId: string } {
  if (!read.patientId) throw badRequest('The note has no patient', 'subject');
  return { patientId: read.patientId, ...(read.encounterId ? { encounterId: read.encounterId } : {}), author, at };
}

/** An update at the version the client saw: a concurrent change is a 409 (the repository says 412). */
async function updateChecked(repo: FhirRepository, ctx: WriteContext, resource: Resource, version: number) {
  try {
    return await repo.updateIn(ctx, resource, { ifMatch: version });
  } catch (err) {
    if (err instanceof FhirError && err.status === 412) throw conflict(err.message, 'version');
    throw err;
  }
}

/** The patient's current stay (the newest open encounter), if any: the note and its values belong to it. */
async function openEncounter(repo: FhirRepository, patientId: string): Promise<string | undefined> {
  const open = await searchResources<Encounter>(repo, 'Encounter', [['subject', `Patient/${patientId}`], ['status', OPEN_ENCOUNTER_STATUSES], ['_sort', '-date'], ['_count', '1']]);
  return open[0]?.id;
}
