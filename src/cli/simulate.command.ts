/** `kerne simulate devices`: simulated bedside monitors (IHE PCD-01 over MLLP) for the demo hospital's beds. */
import { demoMonitorEui64 } from '../demo/bed-monitors.ts';
import { DeviceSimulator } from '../devices/simulator/index.ts';

const positive = (value: string | boolean | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not '${String(value)}'`);
  return n;
};

export async function simulateDevicesCommand(values: Record<string, string | boolean | undefined>): Promise<number> {
  const beds = Math.floor(positive(values.beds, 'beds', 10));
  const intervalSeconds = positive(values.interval, 'interval', 10);
  const port = positive(values['mllp-port'] ?? process.env.KERNE_MLLP_PORT, 'mllp-port', 2575);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const duration = values.duration === undefined ? undefined : positive(values.duration, 'duration', 0);
  const simulator = new DeviceSimulator({
    host, port, beds, intervalMs: intervalSeconds * 1000, eui64Of: demoMonitorEui64,
    onRetry: (bed, controlId, reason) => process.stderr.write(`monitor ${bed}: ${controlId} not acknowledged (${reason}); sending again\n`),
  });
  const worsening = simulator.courses.filter((c) => c.deteriorates).map((c) => c.bed);
  process.stdout.write(`Simulating ${beds} monitors → ${host}:${port}, one PCD-01 message every ${intervalSeconds} s each; deteriorating: monitors ${worsening.join(', ') || 'none'}\n`);
  simulator.start();
  const report = setInterval(() => {
    const s = simulator.stats;
    process.stdout.write(`sent ${s.sent}, acknowledged ${s.acknowledged}, re-sent ${s.retries}, rejected ${s.rejected}\n`);
  }, 10_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    if (duration) setTimeout(resolve, duration * 1000);
  });
  clearInterval(report);
  await simulator.stop();
  const s = simulator.stats;
  process.stdout.write(`done: sent ${s.sent}, acknowledged ${s.acknowledged}, re-sent ${s.retries}, rejected ${s.rejected}\n`);
  return 0;
}
