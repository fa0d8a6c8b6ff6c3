/** When a user last opened a patient's overview (migration 010, table journal_overview_visit). */
import type { Queryable } from '../../db/index.ts';

export async function lastOpenedAt(q: Queryable, userSubject: string, patientId: string): Promise<string | undefined> {
  const [row] = await q.query<{ last_opened: string | Date }>('SELECT last_opened FROM journal_overview_visit WHERE user_subject = $1 AND patient_id = $2', [userSubject, patientId]);
  return row ? new Date(row.last_opened).toISOString() : undefined;
}

export async function recordVisit(q: Queryable, userSubject: string, patientId: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO journal_overview_visit (user_subject, patient_id, last_opened) VALUES ($1, $2, $3)
     ON CONFLICT (user_subject, patient_id) DO UPDATE SET last_opened = GREATEST(journal_overview_visit.last_opened, EXCLUDED.last_opened)`,
    [userSubject, patientId, at.toISOString()],
  );
}
