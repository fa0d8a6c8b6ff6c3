/**
 * @module HELD-OUT questions on held-out-notes.ts with gold verdicts ('yes' | 'no' | 'not-found') and
 * gold evidence note ids (any one among the first 5 passages counts as retrieved). Written by hand
 * as a clinician would ask. `set: 'before-tuning'` questions were written before the answerer was
 * improved against this set (their baseline was measured first; the lexicon and planner were then
 * broadened with them in view, so they are no longer blind); `set: 'after-tuning'` questions were
 * written only after those improvements, as a fresh check, and must not be tuned on.
 * A wrong 'yes' (or any answer where the record is silent) is the dangerous failure.
 */

export type HeldOutVerdict = 'yes' | 'no' | 'not-found';

export interface HeldOutQuestion {
  readonly patient: 'A' | 'B' | 'C';
  readonly question: string;
  readonly answer: HeldOutVerdict;
  /** Note ids (held-out-notes.ts) any of which is evidence; empty for 'not-found'. */
  readonly evidence: readonly string[];
  readonly set: 'before-tuning' | 'after-tuning';
}

const before = (patient: HeldOutQuestion['patient'], question: string, answer: HeldOutVerdict, evidence: readonly string[] = []): HeldOutQuestion =>
  ({ patient, question, answer, evidence, set: 'before-tuning' });

const after = (patient: HeldOutQuestion['patient'], question: string, answer: HeldOutVerdict, evidence: readonly string[] = []): HeldOutQuestion =>
  ({ patient, question, answer, evidence, set: 'after-tuning' });

export const HELD_OUT_QUESTIONS = [
  // Patient A
  before('A', 'Har patienten KOL?', 'yes', ['a1', 'a4']),
  before('A', 'Har patienten hjertesvigt?', 'yes', ['a1']),
  before('A', 'Har patienten diabetes?', 'yes', ['a1']),
  before('A', 'Har patienten fået insulin?', 'yes', ['a2']),
  before('A', 'Får patienten aktuelt insulin?', 'no', ['a4']),
  before('A', 'Har patienten fået antibiotika?', 'yes', ['a1', 'a4']),
  before('A', 'Får patienten aktuelt prednisolon?', 'no', ['a4']),
  before('A', 'Har patienten fået morfin?', 'yes', ['a3']),
  before('A', 'Får patienten aktuelt opioider?', 'no', ['a4']),
  before('A', 'Får patienten vanddrivende medicin?', 'yes', ['a1', 'a2', 'a4']),
  before('A', 'Får patienten PPI?', 'yes', ['a1', 'a4']),
  before('A', 'Har patienten lungeemboli?', 'no', ['a2']),
  before('A', 'Har der været mistanke om lungeemboli?', 'yes', ['a1']),
  before('A', 'Har patienten brystsmerter?', 'no', ['a1']),
  before('A', 'Er patienten allergisk over for penicillin?', 'no', ['a1']),
  before('A', 'Har patienten haft en blodprop i hjertet?', 'yes', ['a1']),
  before('A', 'Afventer vi svar på ekkokardiografi?', 'yes', ['a4']),
  before('A', 'Har patienten en pacemaker?', 'not-found'),
  before('A', 'Har patienten epilepsi?', 'not-found'),
  before('A', 'Har patienten nyresvigt?', 'not-found'),
  // Patient B
  before('B', 'Har patienten haft en apopleksi?', 'yes', ['b3', 'b5']),
  before('B', 'Var der mistanke om apopleksi?', 'yes', ['b1', 'b2']),
  before('B', 'Har patienten diabetes?', 'no', ['b1', 'b5']),
  before('B', 'Er der diabetes i familien?', 'yes', ['b1']),
  before('B', 'Får patienten aktuelt blodfortyndende medicin?', 'yes', ['b3', 'b5']),
  before('B', 'Får patienten aktuelt Hjertemagnyl?', 'no', ['b3', 'b5']),
  before('B', 'Er patienten allergisk over for penicillin?', 'yes', ['b1']),
  before('B', 'Har patienten haft brystkræft?', 'yes', ['b1']),
  before('B', 'Har patienten fået opioider?', 'no', ['b3']),
  before('B', 'Har patienten haft kramper?', 'no', ['b2']),
  before('B', 'Har patienten KOL?', 'not-found'),
  before('B', 'Har patienten fået insulin?', 'not-found'),
  before('B', 'Har patienten fået binyrebarkhormon?', 'not-found'),
  // Patient C
  before('C', 'Har patienten diabetes?', 'yes', ['c1', 'c4']),
  before('C', 'Får patienten insulin?', 'yes', ['c1', 'c4']),
  before('C', 'Har patienten nyresvigt?', 'yes', ['c1', 'c4']),
  before('C', 'Er patienten allergisk over for penicillin?', 'no', ['c2', 'c4']),
  before('C', 'Har patienten fået antibiotika?', 'yes', ['c1', 'c2', 'c4']),
  before('C', 'Får patienten aktuelt opioider?', 'no', ['c4']),
  before('C', 'Får patienten PPI?', 'yes', ['c1', 'c4']),
  before('C', 'Har patienten osteomyelitis?', 'no', ['c2', 'c4']),
  before('C', 'Er der KOL i familien?', 'yes', ['c1']),
  before('C', 'Har patienten KOL?', 'not-found'),
  before('C', 'Har patienten hjertesvigt?', 'not-found'),
  before('C', 'Har patienten fået prednisolon?', 'not-found'),
  before('C', 'Har patienten haft en apopleksi?', 'not-found'),
  before('C', 'Afventer vi svar på sårpodning?', 'yes', ['c4']),
  // Written after the improvements, as a fresh check (not tuned on).
  after('A', 'Har patienten fået binyrebarkhormon?', 'yes', ['a1', 'a4']),
  after('A', 'Er patienten i behandling med blodfortyndende?', 'yes', ['a1', 'a4']),
  after('A', 'Har patienten haft feber?', 'yes', ['a1']),
  after('A', 'Er der påvist vækst i bloddyrkningerne?', 'no', ['a2', 'a4']),
  after('A', 'Ryger patienten stadig?', 'no', ['a1']),
  after('B', 'Blev der påvist hjerneblødning?', 'no', ['b2', 'b3']),
  after('B', 'Har patienten atrieflimren?', 'yes', ['b2', 'b5']),
  after('B', 'Har patienten fået trombolyse?', 'no', ['b2', 'b5']),
  after('B', 'Har patienten nyresvigt?', 'not-found'),
  after('B', 'Får patienten vanddrivende medicin?', 'not-found'),
  after('C', 'Er patienten i dialyse?', 'no', ['c4']),
  after('C', 'Har patienten fået steroider?', 'not-found'),
  after('C', 'Får patienten aktuelt penicillin?', 'yes', ['c2', 'c4']),
  after('C', 'Er der nyresygdom i familien?', 'yes', ['c1']),
  after('C', 'Har patienten haft et hjerteinfarkt?', 'not-found'),
] as const satisfies readonly HeldOutQuestion[];
