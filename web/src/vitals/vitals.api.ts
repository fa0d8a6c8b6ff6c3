/** The vital-signs calls (src/vitals/api-types.ts) with the user's token; errors are ApiErrors with the server's OperationOutcome. */
import type {
  DeviceAssociationView,
  DeviceView,
  EscalationList,
  EscalationView,
  ManualVitals,
  ManualVitalsResult,
  PatientVitals,
  ScoreOrder,
  Validation,
  ValidationResult,
  WardVitals,
} from '../../../src/vitals/api-types.ts';
import { getJson, postJson } from '../api/api-client.ts';
import { vitalsPaths as paths } from './vitals.paths.ts';

export const getWardVitals = (wardId: string): Promise<WardVitals> => getJson<WardVitals>(paths.ward(wardId));
export const validateReadings = (validation: Validation): Promise<ValidationResult> => postJson<ValidationResult>(paths.validate(), validation);
export const assignHeld = (readingIds: readonly string[], patientId: string): Promise<{ assigned: number }> =>
  postJson<{ assigned: number }>(paths.assignHeld(), { readingIds, patientId });

export const getPatientVitals = (patientId: string): Promise<PatientVitals> => getJson<PatientVitals>(paths.patient(patientId));
export const postManualVitals = (patientId: string, vitals: ManualVitals): Promise<ManualVitalsResult> => postJson<ManualVitalsResult>(paths.patient(patientId), vitals);
export const postConcern = (patientId: string, note?: string): Promise<PatientVitals> => postJson<PatientVitals>(paths.concern(patientId), note ? { note } : {});
export const postScoreOrder = (patientId: string, order: ScoreOrder): Promise<PatientVitals> => postJson<PatientVitals>(paths.orders(patientId), order);

export const getEscalations = (wardId?: string): Promise<EscalationList> => getJson<EscalationList>(paths.escalations(wardId));
export const acknowledgeEscalation = (taskId: string, note?: string): Promise<EscalationView> => postJson<EscalationView>(paths.acknowledge(taskId), note ? { note } : {});

export const getDeviceByCode = (code: string): Promise<DeviceView> => getJson<DeviceView>(paths.deviceByCode(code));
export const associateDevice = (deviceId: string, patientId: string, until?: string): Promise<DeviceAssociationView> =>
  postJson<DeviceAssociationView>(paths.associate(deviceId), until ? { patientId, until } : { patientId });
export const endAssociation = (associationId: string): Promise<DeviceAssociationView> => postJson<DeviceAssociationView>(paths.endAssociation(associationId), {});
export const withdrawAssociation = (associationId: string, reason: string): Promise<{ withdrawn: number }> =>
  postJson<{ withdrawn: number }>(paths.withdrawAssociation(associationId), { reason });
