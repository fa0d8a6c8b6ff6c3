/** The notes calls (src/notes/api-types.ts) with the user's token; writes send the version last seen as If-Match. Errors are ApiErrors with the server's OperationOutcome. */
import type { NoteContent, NoteList, NoteTemplateId, NoteTemplateList, NoteVersionView, NoteView } from '../../../src/notes/api-types.ts';
import { apiFetch, getJson, postJson, readJson } from '../api/api-client.ts';

const send = async <T>(method: 'PUT' | 'POST', path: string, version: number, body: unknown): Promise<T> =>
  readJson<T>(await apiFetch(path, { method, headers: { 'Content-Type': 'application/json', 'If-Match': `W/"${version}"` }, body: JSON.stringify(body) }));

const note = (id: string) => `/api/notes/${encodeURIComponent(id)}`;

export const getTemplates = (): Promise<NoteTemplateList> => getJson<NoteTemplateList>('/api/notes/templates');
export const getNotes = (patientId: string): Promise<NoteList> => getJson<NoteList>(`/api/notes/patients/${encodeURIComponent(patientId)}`);
export const getNote = (id: string): Promise<NoteView> => getJson<NoteView>(note(id));
export const getNoteVersion = (id: string, versionId: number): Promise<NoteVersionView> => getJson<NoteVersionView>(`${note(id)}/versions/${versionId}`);
export const createNote = (patientId: string, templateId: NoteTemplateId): Promise<NoteView> => postJson<NoteView>(`/api/notes/patients/${encodeURIComponent(patientId)}`, { templateId });
export const saveDraft = (id: string, version: number, content: NoteContent): Promise<NoteView> => send<NoteView>('PUT', note(id), version, { content });
export const signNote = (id: string, version: number): Promise<NoteView> => send<NoteView>('POST', `${note(id)}/sign`, version, {});
export const amendNote = (id: string, version: number, content: NoteContent, reason: string): Promise<NoteView> => send<NoteView>('POST', `${note(id)}/amend`, version, { content, reason });
