/**
 * Role permissions: which resource types each Kerne role may read and write, before scopes and the
 * care relation are considered. Pure data and one function.
 */
import type { Membership, Role } from './principal.ts';
import { patientCompartmentParams } from '../fhir/repository/patient-compartment.ts';

export type AccessAction = 'read' | 'search' | 'create' | 'update' | 'delete';
const WRITE_ACTIONS: readonly AccessAction[] = ['create', 'update', 'delete'];

/** Definitions and terminology: everyone reads them; administrators and integrations write them. */
const CONFORMANCE = new Set([
  'CapabilityStatement', 'StructureDefinition', 'ImplementationGuide', 'SearchParameter', 'OperationDefinition', 'CompartmentDefinition',
  'StructureMap', 'GraphDefinition', 'ValueSet', 'CodeSystem', 'ConceptMap', 'NamingSystem', 'TerminologyCapabilities',
  'Questionnaire', 'PlanDefinition', 'ActivityDefinition', 'Library', 'Measure',
]);
/** The organisation: units, places, staff. */
const DIRECTORY = new Set(['Organization', 'Location', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Endpoint', 'Device', 'Schedule', 'Slot']);
/** Only administrators and integrations. */
const SYSTEM = new Set(['Subscription', 'AuditEvent', 'Binary', 'Bundle', 'Parameters', 'OperationOutcome']);
/**
 * Only integrations (system clients): subscriptions send data out of Kerne outside any request's
 * access check (each delivery of patient data is audited with the subscription as the agent).
 */
const INTEGRATION_ONLY = new Set(['Subscription']);

/** Patient-record types only a doctor writes (prescriptions, diagnoses). */
const DOCTOR_ONLY = new Set(['MedicationRequest', 'Condition']);
/** What secretaries register: demographics, contacts, referrals, appointments, letters. */
const SECRETARY_WRITES = new Set([
  'Patient', 'Encounter', 'EpisodeOfCare', 'Appointment', 'AppointmentResponse', 'ServiceRequest', 'DocumentReference',
  'Communication', 'CommunicationRequest', 'Coverage', 'Account', 'RelatedPerson', 'Task', 'Flag',
]);
/** Porters and service assistants: what a transport or cleaning task needs, nothing clinical. */
const PORTER_READS = new Set(['Patient', 'Encounter', 'Task', 'Flag', 'Location']);
/** Patients (self-service): their own questionnaire answers and consents. */
const PATIENT_WRITES = new Set(['QuestionnaireResponse', 'Consent']);

/** Is `type` part of some patient's record (the Patient compartment, or Patient itself)? */
export function isPatientDataType(type: string): boolean {
  return type === 'Patient' || patientCompartmentParams().has(type);
}

function allowedFor(role: Role, action: AccessAction, type: string): boolean {
  const write = WRITE_ACTIONS.includes(action);
  const shared = CONFORMANCE.has(type) || DIRECTORY.has(type);
  if (INTEGRATION_ONLY.has(type)) return role === 'integration';
  switch (role) {
    case 'integration':
      return true;
    case 'administrator':
      return write ? shared || SYSTEM.has(type) : !isPatientDataType(type) || type === 'Patient';
    case 'laege':
      return write ? isPatientDataType(type) : !SYSTEM.has(type);
    case 'sygeplejerske':
      return write ? isPatientDataType(type) && !DOCTOR_ONLY.has(type) : !SYSTEM.has(type);
    case 'sekretaer':
      return write ? SECRETARY_WRITES.has(type) : !SYSTEM.has(type);
    case 'afdelingsledelse':
      return write ? type === 'Location' || type === 'Schedule' || type === 'Slot' || type === 'HealthcareService' : !SYSTEM.has(type);
    case 'portoer':
      return write ? type === 'Task' && action === 'update' : PORTER_READS.has(type) || (shared && !isPatientDataType(type));
    case 'patient':
      return write ? PATIENT_WRITES.has(type) && action !== 'delete' : !SYSTEM.has(type);
  }
}

/** Does any of the memberships allow `action` on `type`? */
export function rolesAllow(memberships: readonly Membership[], action: AccessAction, type: string): boolean {
  return memberships.some((m) => allowedFor(m.role, action, type));
}

/** The roles that may break the glass (værdispring): clinicians, secretaries and management. */
export const BREAK_THE_GLASS_ROLES: readonly Role[] = ['laege', 'sygeplejerske', 'sekretaer', 'afdelingsledelse'];
