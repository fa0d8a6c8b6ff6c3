/** The MLLP listener over real sockets with a stand-in inbox: TLS, answers in the order the messages came, close lets the message being stored finish. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { describe, it } from 'node:test';
import { MllpDecoder, mllpFrame } from './hl7/index.ts';
import type { IngestOutcome } from './device-ingest.ts';
import { MllpListener, type MessageSink } from './mllp-listener.ts';

const NOTHING = { observations: 0, held: 0, aside: 0, alarms: 0, patients: [], finalised: [] };

/** Answers each message with "ACK <its text>" after a delay that shrinks, so a later message would finish first if allowed. */
function slowSink(): MessageSink & { seen: string[] } {
  const seen: string[] = [];
  let delay = 60;
  return {
    seen,
    async ingest(text: string): Promise<IngestOutcome> {
      seen.push(text);
      await new Promise((r) => setTimeout(r, (delay = Math.max(0, delay - 20))));
      return { ...NOTHING, acks: [`ACK ${text}`], status: 'accepted' };
    },
  };
}

describe('MLLP listener', () => {
  it('speaks MLLP over TLS and answers each connection in order', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'kerne-mllp-tls-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const listener = new MllpListener(slowSink(), { port: 0, host: '127.0.0.1', tls: { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') } });
    const port = await listener.listen();
    const socket = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const decoder = new MllpDecoder();
    const answers: string[] = [];
    socket.on('data', (chunk: Buffer) => answers.push(...decoder.push(chunk).map((b) => b.toString('utf8'))));
    socket.write(Buffer.concat(['one', 'two', 'three'].map((m) => mllpFrame(m))));
    for (let i = 0; i < 100 && answers.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(answers, ['ACK one', 'ACK two', 'ACK three'], 'answered over TLS, in the order sent');
    socket.destroy();
    await listener.close();
  });

  it('close waits for the message being stored and answers it; later frames are left for the sender to resend', async () => {
    const sink = slowSink();
    const listener = new MllpListener(sink, { port: 0, host: '127.0.0.1' });
    const port = await listener.listen();
    const net = await import('node:net');
    const socket = net.connect({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const decoder = new MllpDecoder();
    const answers: string[] = [];
    socket.on('data', (chunk: Buffer) => answers.push(...decoder.push(chunk).map((b) => b.toString('utf8'))));
    socket.write(Buffer.concat(['a', 'b', 'c'].map((m) => mllpFrame(m))));
    while (sink.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    await listener.close();
    for (let i = 0; i < 50 && answers.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(answers[0], 'ACK a', 'the message in hand was answered before closing');
    assert.ok(sink.seen.length < 3, `not every queued frame was taken once closing began (${sink.seen.length})`);
    socket.destroy();
  });
});
