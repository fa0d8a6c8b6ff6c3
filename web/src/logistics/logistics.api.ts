/** The logistics actions (POSTs of src/logistics/api-types.ts) with the user's token; errors are ApiErrors with the server's OperationOutcome. */
import type { EdRow, NewAdmission, NewServiceTask, NewTransfer, ServiceTaskView, TransferView, WardList } from '../../../src/logistics/api-types.ts';
import type { Triage } from '../../../src/logistics/model.ts';
import { getJson, postJson } from '../api/api-client.ts';
import type { TaskAction } from './tasks.helpers.ts';
import { logisticsPaths as paths } from './logistics.paths.ts';

export const getWards = (): Promise<WardList> => getJson<WardList>(paths.wards());

export const createServiceTask = (task: NewServiceTask): Promise<ServiceTaskView> => postJson<ServiceTaskView>(paths.newTask(), task);
export const advanceTask = (id: string, action: TaskAction): Promise<ServiceTaskView> => postJson<ServiceTaskView>(paths.taskAction(id, action), {});

export const requestTransfer = (transfer: NewTransfer): Promise<TransferView> => postJson<TransferView>(paths.newTransfer(), transfer);
export const transferStep = (id: string, action: 'accept' | 'reject' | 'move'): Promise<TransferView> => postJson<TransferView>(paths.transferAction(id, action), {});
export const assignBed = (id: string, bedId: string): Promise<TransferView> => postJson<TransferView>(paths.transferAction(id, 'assign-bed'), { bedId });

export const admit = (admission: NewAdmission): Promise<{ encounterId: string }> => postJson<{ encounterId: string }>(paths.admissions(), admission);

export const discharge = (encounterId: string): Promise<{ encounterId: string }> => postJson<{ encounterId: string }>(paths.discharge(encounterId), {});

export const setTriage = (encounterId: string, level: Triage): Promise<EdRow> => postJson<EdRow>(paths.triage(encounterId), { level });
export const edActivity = (encounterId: string, kind: string, action: 'start' | 'complete'): Promise<EdRow> => postJson<EdRow>(paths.edActivity(encounterId, kind, action), {});
