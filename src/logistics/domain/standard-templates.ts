/** The standard board templates Kerne ships (medical, surgical, psychiatric ward; emergency department), version 1.0.0; columns from clinical-logistics.md §2–3. */
import type { BoardTemplate, Screen, TemplateColumn } from './templates.ts';

const ALL: readonly Screen[] = ['wall', 'list', 'phone'];
const WALL_LIST: readonly Screen[] = ['wall', 'list'];
const LIST_PHONE: readonly Screen[] = ['list', 'phone'];

const col = (id: string, da: string, en: string, screens: readonly Screen[], required = false): TemplateColumn =>
  required ? { id, label: { da, en }, screens, required } : { id, label: { da, en }, screens };

/** Ward-board columns, by id (what BoardRow fields each shows: see columnFields in projection.ts). */
export const WardColumn = {
  bed: col('bed', 'Stue/seng', 'Room/bed', ALL, true),
  patient: col('patient', 'Patient', 'Patient', ALL, true),
  whereabouts: col('whereabouts', 'Opholdssted', 'Whereabouts', ALL),
  nurse: col('responsible-nurse', 'Ansvarlig sygeplejerske', 'Responsible nurse', ALL),
  doctor: col('responsible-doctor', 'Ansvarlig læge', 'Responsible doctor', WALL_LIST),
  earlyWarning: col('early-warning', 'TOKS (næste måling)', 'Early warning (next observation)', ALL),
  flags: col('flags', 'Isolation, fald, CAVE', 'Isolation, fall risk, CAVE', ALL),
  pendingTests: col('pending-tests', 'Afventende prøver', 'Pending tests', WALL_LIST),
  tasks: col('tasks', 'Opgaver', 'Tasks', ALL),
  expectedDischarge: col('expected-discharge', 'Forventet udskrivelse', 'Expected discharge', WALL_LIST),
  transfer: col('transfer', 'Overflytning', 'Transfer', ALL),
  comment: col('comment', 'Kommentar', 'Comment', ALL),
} as const;

/** Emergency-department columns. */
export const EdColumn = {
  arrival: col('arrival', 'Ankomst', 'Arrival', ALL, true),
  triage: col('triage', 'Triage', 'Triage', ALL, true),
  patient: col('patient', 'Patient', 'Patient', ALL, true),
  area: col('area', 'Område', 'Area', ALL),
  complaint: col('complaint', 'Henvendelsesårsag', 'Complaint', ALL),
  process: col('process', 'Forløb', 'Process line', ALL),
  timers: col('timers', 'Servicemål', 'Service targets', WALL_LIST),
} as const;

const W = WardColumn;
const open = { mayHideColumns: true, mayReorderColumns: true, mayShowFullNamesOnPublicScreens: true } as const;

export const MEDICAL_WARD_TEMPLATE: BoardTemplate = {
  id: 'medicinsk-sengeafsnit',
  version: '1.0.0',
  name: { da: 'Medicinsk sengeafsnit', en: 'Medical ward' },
  kind: 'ward',
  columns: [W.bed, W.patient, W.nurse, W.doctor, W.earlyWarning, W.flags, W.pendingTests, W.tasks, W.whereabouts, W.expectedDischarge, W.transfer, W.comment],
  publicNames: 'initials',
  tailoring: open,
};

/** Surgical: whereabouts (theatre, recovery) next to the patient. */
export const SURGICAL_WARD_TEMPLATE: BoardTemplate = {
  id: 'kirurgisk-sengeafsnit',
  version: '1.0.0',
  name: { da: 'Kirurgisk sengeafsnit', en: 'Surgical ward' },
  kind: 'ward',
  columns: [W.bed, W.patient, W.whereabouts, W.nurse, W.doctor, W.earlyWarning, W.flags, W.pendingTests, W.tasks, W.expectedDischarge, W.transfer, W.comment],
  publicNames: 'initials',
  tailoring: open,
};

/** Psychiatric: a sparse wall (no tests, EWS or comment on it), and never full names on public screens. */
export const PSYCHIATRIC_WARD_TEMPLATE: BoardTemplate = {
  id: 'psykiatrisk-sengeafsnit',
  version: '1.0.0',
  name: { da: 'Psykiatrisk sengeafsnit', en: 'Psychiatric ward' },
  kind: 'ward',
  columns: [
    W.bed, W.patient, W.whereabouts, W.nurse, W.doctor, W.flags, W.tasks,
    { ...W.earlyWarning, screens: LIST_PHONE }, { ...W.pendingTests, screens: ['list'] },
    W.expectedDischarge, W.transfer, { ...W.comment, screens: LIST_PHONE },
  ],
  publicNames: 'initials',
  tailoring: { mayHideColumns: true, mayReorderColumns: true, mayShowFullNamesOnPublicScreens: false },
};

/** Emergency department tracking board: the Cetrea process line and the regional service targets. */
export const EMERGENCY_TEMPLATE: BoardTemplate = {
  id: 'akutmodtagelse',
  version: '1.0.0',
  name: { da: 'Akutmodtagelse', en: 'Emergency department' },
  kind: 'emergency',
  columns: [EdColumn.area, EdColumn.arrival, EdColumn.triage, EdColumn.patient, EdColumn.complaint, EdColumn.process, EdColumn.timers],
  publicNames: 'initials',
  tailoring: { mayHideColumns: true, mayReorderColumns: true, mayShowFullNamesOnPublicScreens: false },
};

export const STANDARD_TEMPLATES: readonly BoardTemplate[] = [MEDICAL_WARD_TEMPLATE, SURGICAL_WARD_TEMPLATE, PSYCHIATRIC_WARD_TEMPLATE, EMERGENCY_TEMPLATE];

export const findTemplate = (id: string, templates: readonly BoardTemplate[] = STANDARD_TEMPLATES): BoardTemplate | undefined => templates.find((t) => t.id === id);
