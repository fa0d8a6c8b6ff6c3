/** The /api/vitals routes (src/vitals/api-types.ts) as the web app calls them. Pure. */

export const VITALS_API = '/api/vitals';

const enc = encodeURIComponent;

export const vitalsPaths = {
  ward: (wardId: string) => `${VITALS_API}/wards/${enc(wardId)}`,
  validate: () => `${VITALS_API}/validate`,
  patient: (patientId: string) => `${VITALS_API}/patients/${enc(patientId)}`,
  concern: (patientId: string) => `${VITALS_API}/patients/${enc(patientId)}/concern`,
  orders: (patientId: string) => `${VITALS_API}/patients/${enc(patientId)}/orders`,
  escalations: (wardId?: string) => `${VITALS_API}/escalations${wardId ? `?wardId=${enc(wardId)}` : ''}`,
  acknowledge: (taskId: string) => `${VITALS_API}/escalations/${enc(taskId)}/acknowledge`,
  assignHeld: () => `${VITALS_API}/held/assign`,
  deviceByCode: (code: string) => `${VITALS_API}/devices?code=${enc(code)}`,
  associate: (deviceId: string) => `${VITALS_API}/devices/${enc(deviceId)}/associate`,
  endAssociation: (associationId: string) => `${VITALS_API}/associations/${enc(associationId)}/end`,
  withdrawAssociation: (associationId: string) => `${VITALS_API}/associations/${enc(associationId)}/withdraw`,
};
