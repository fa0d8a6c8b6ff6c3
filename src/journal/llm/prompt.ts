/**
 * The versioned prompt (journal-ai.md §6): only the retrieved, numbered passages with date, type,
 * section and context label; the model may only restate them, citing their ids. Change the version
 * whenever the text changes (it is audited with every call).
 */
import type { RetrievedPassage } from '../api-types.ts';

export const PROMPT_TEMPLATE_VERSION = 'journal-answer-da@1';

export const SYSTEM_PROMPT =
  'Du er en assistent for klinikere. Besvar spørgsmålet om patienten på dansk, kort, KUN ud fra de nummererede uddrag fra journalen. ' +
  'Hver sætning skal angive de uddrag (S1, S2, …) den bygger på. Gentag tal, doser, datoer og lægemiddelnavne præcis som i uddragene. ' +
  'Skriv intet, som uddragene ikke siger; står svaret ikke i uddragene, så sig det i notFound. Svar som JSON efter skemaet.';

const line = (p: RetrievedPassage) =>
  `[${p.id}] ${p.recorded.slice(0, 10)} · ${p.kind}${p.section ? ` · ${p.section}` : ''}${p.assertion !== 'present' ? ` · (${p.assertion})` : ''}: ${p.text}`;

/** The user prompt and the passages it holds (as many as fit in `budget` characters, in order). */
export function buildPrompt(question: string, passages: readonly RetrievedPassage[], budget: number): { prompt: string; given: RetrievedPassage[] } {
  const head = `Spørgsmål: ${question}\nUddrag:\n`;
  const tail = '\nSvar (JSON):';
  const given: RetrievedPassage[] = [];
  let used = head.length + tail.length;
  for (const p of passages) {
    const l = line(p);
    if (used + l.length + 1 > budget) break;
    given.push(p);
    used += l.length + 1;
  }
  return { prompt: `${head}${given.map(line).join('\n')}${tail}`, given };
}
