/**
 * Clinical notes written from templates (issue 6): admission note, nursing status, progress note
 * and discharge summary as Compositions whose structured fields become the record's Observations,
 * Conditions and AllergyIntolerances when signed (/api/notes). The face of src/notes/.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../logistics/index.ts';
import { notesPlugin } from './notes.plugin.ts';
import { NotesService } from './notes-service.ts';

export type * from './api-types.ts';
export { NotesService } from './notes-service.ts';
export { NOTE_TEMPLATES, templateById } from './templates.ts';
export { buildComposition, readNote } from './note-composition.ts';

export interface Notes {
  readonly service: NotesService;
  readonly plugin: (app: FastifyInstance) => Promise<void>;
}

export function createNotes(deps: { callerFor: (req: FastifyRequest) => Promise<Caller>; now?: () => Date }): Notes {
  const service = new NotesService(deps.now ? { now: deps.now } : {});
  return { service, plugin: (app) => notesPlugin(app, { service, callerFor: deps.callerFor }) };
}
