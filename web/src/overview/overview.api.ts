/** The Overblik's calls (src/journal/api-types.ts) with the user's token: the overview, a question, and what the user did with an AI answer. */
import { AiUserAction, type JournalAnswer, type JournalCitation, type JournalOverview } from '../../../src/journal/api-types.ts';
import { getJson, postJson } from '../api/api-client.ts';
import { aiActionPath, askPath, overviewPath } from './overview.helpers.ts';

export const fetchOverview = (patientId: string): Promise<JournalOverview> => getJson<JournalOverview>(overviewPath(patientId));

export const askJournal = (patientId: string, question: string): Promise<JournalAnswer> => postJson<JournalAnswer>(askPath(patientId), { question });

/** Records what the user did with an AI answer (journal-ai.md §7): opened a citation, copied it, marked it wrong. */
export const recordAiAction = async (eventId: string, action: AiUserAction, citation?: JournalCitation): Promise<void> => {
  await postJson<unknown>(aiActionPath(eventId), { action, ...(citation ? { citation } : {}) });
};

/** Records that the user opened a citation of an AI answer. Fire and forget: a failure does not disturb the user. */
export function recordOpenedCitation(eventId: string, citation: JournalCitation): void {
  recordAiAction(eventId, AiUserAction.openedCitation, citation).catch(() => undefined);
}
