/** When a user (token issuer + subject) last opened a patient's overview (migration 010, table journal_overview_visit). */
import type { Queryable } from '../../db/index.ts';

export interface VisitingUser {
  readonly issuer: string;
  readonly subject: string;
}

export async function lastOpenedAt(q: Queryable, user: VisitingUser, patientId: string): Promise<string | undefined> {
  const [row] = await q.query<{ last_opened: string | Date }>(
    'SELECT last_opened FROM journal_overview_visit WHERE user_issuer = $1 AND user_subject = $2 AND patient_id = $3',
    [user.issuer, user.subject, patientId],
  );
  return row ? new Date(row.last_opened).toISOString() : undefined;
}

export async function recordVisit(q: Queryable, user: VisitingUser, patientId: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO journal_overview_visit (user_issuer, user_subject, patient_id, last_opened) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_issuer, user_subject, patient_id) DO UPDATE SET last_opened = GREATEST(journal_overview_visit.last_opened, EXCLUDED.last_opened)`,
    [user.issuer, user.subject, patientId, at.toISOString()],
  );
}
