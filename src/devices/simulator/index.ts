/** The device simulator: realistic PCD-01 streams over MLLP for the demo, tests and benchmarks. */
export { DeviceSimulator, type SimulatorOptions, type SimulatorStats } from './device-simulator.ts';
export { patientCourse, type PatientCourse, type SimulatedVitals } from './patient-course.ts';
export { monitorMessage, hl7Utc, type MonitorMessageInput } from './pcd01-message.ts';
