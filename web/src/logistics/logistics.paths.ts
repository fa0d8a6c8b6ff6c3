/**
 * The /api/logistics routes (src/logistics/api-types.ts) as the web app calls them, and shape
 * checks for what the streams send (an event is applied only when it looks like its document). Pure.
 */
import type { BedOverview, EdBoard, TaskList, WardBoard } from '../../../src/logistics/api-types.ts';
import type { BoardScreen, TaskGroup } from '../app/routes.ts';

export const LOGISTICS_API = '/api/logistics';

const enc = encodeURIComponent;
const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const logisticsPaths = {
  wards: () => `${LOGISTICS_API}/wards`,
  board: (wardId: string, screen: BoardScreen, isPublic: boolean) => `${LOGISTICS_API}/wards/${enc(wardId)}/board${query({ screen, public: isPublic ? '1' : undefined })}`,
  boardStream: (wardId: string, screen: BoardScreen, isPublic: boolean) =>
    `${LOGISTICS_API}/wards/${enc(wardId)}/board/stream${query({ screen, public: isPublic ? '1' : undefined })}`,
  beds: () => `${LOGISTICS_API}/beds`,
  bedsStream: () => `${LOGISTICS_API}/beds/stream`,
  ed: () => `${LOGISTICS_API}/ed`,
  edStream: () => `${LOGISTICS_API}/ed/stream`,
  tasks: (group: TaskGroup, wardId?: string) => `${LOGISTICS_API}/tasks${query({ group, wardId })}`,
  tasksStream: (group: TaskGroup, wardId?: string) => `${LOGISTICS_API}/tasks/stream${query({ group, wardId })}`,
  newTask: () => `${LOGISTICS_API}/tasks`,
  taskAction: (id: string, action: 'accept' | 'start' | 'complete' | 'cancel') => `${LOGISTICS_API}/tasks/${enc(id)}/${action}`,
  newTransfer: () => `${LOGISTICS_API}/transfers`,
  transferAction: (id: string, action: 'accept' | 'reject' | 'assign-bed' | 'move') => `${LOGISTICS_API}/transfers/${enc(id)}/${action}`,
  admissions: () => `${LOGISTICS_API}/admissions`,
  discharge: (encounterId: string) => `${LOGISTICS_API}/encounters/${enc(encounterId)}/discharge`,
  triage: (encounterId: string) => `${LOGISTICS_API}/ed/${enc(encounterId)}/triage`,
  edActivity: (encounterId: string, kind: string, action: 'start' | 'complete' | 'cancel') =>
    `${LOGISTICS_API}/ed/${enc(encounterId)}/activities/${enc(kind)}/${action}`,
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export const isWardBoard = (x: unknown): x is WardBoard =>
  isObject(x) && isObject(x.ward) && isObject(x.template) && Array.isArray(x.template.columns) && Array.isArray(x.rows) && isObject(x.capacity);
export const isBedOverview = (x: unknown): x is BedOverview => isObject(x) && Array.isArray(x.wards) && isObject(x.totals);
export const isEdBoard = (x: unknown): x is EdBoard => isObject(x) && Array.isArray(x.rows) && Array.isArray(x.kpis);
export const isTaskList = (x: unknown): x is TaskList => isObject(x) && Array.isArray(x.tasks);
