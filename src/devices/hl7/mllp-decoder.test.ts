// Tests for MLLP framing (VT payload FS CR) and MSH-18 payload decoding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MllpDecoder, decodePayload, mllpFrame } from './mllp-decoder.ts';
import { encodePayload, readRawCharset } from './payload-charset.ts';

const MSG_A = 'MSH|^~\\&|A|||||ORU^R01|1|P|2.6\rOBX|1|NM|x||1';
const MSG_B = 'MSH|^~\\&|B|||||ORU^R01|2|P|2.6\rOBX|1|NM|y||2';
const texts = (buffers: Buffer[]): string[] => buffers.map((b) => b.toString('utf8'));

describe('MllpDecoder', () => {
  test('a whole frame in one chunk yields its payload', () => {
    const decoder = new MllpDecoder();
    assert.deepEqual(texts(decoder.push(mllpFrame(MSG_A))), [MSG_A], 'one frame, one payload');
    assert.equal(decoder.skippedBytes, 0, 'nothing skipped');
    assert.equal(decoder.bufferedBytes, 0, 'nothing left buffered');
  });

  test('a frame split at every byte position is reassembled', () => {
    const frame = mllpFrame(MSG_A);
    for (let cut = 0; cut <= frame.length; cut += 1) {
      const decoder = new MllpDecoder();
      const out = [...decoder.push(frame.subarray(0, cut)), ...decoder.push(frame.subarray(cut))];
      assert.deepEqual(texts(out), [MSG_A], `split at byte ${cut}`);
      assert.equal(decoder.skippedBytes, 0, `no bytes skipped when split at ${cut}`);
    }
  });

  test('two frames split at every pair of positions come out in order', () => {
    const stream = Buffer.concat([mllpFrame(MSG_A), mllpFrame(MSG_B)]);
    for (let a = 0; a <= stream.length; a += 7) {
      for (let b = a; b <= stream.length; b += 5) {
        const decoder = new MllpDecoder();
        const out = [stream.subarray(0, a), stream.subarray(a, b), stream.subarray(b)].flatMap((c) => decoder.push(c));
        assert.deepEqual(texts(out), [MSG_A, MSG_B], `cuts at ${a} and ${b}`);
      }
    }
  });

  test('byte-by-byte delivery works, including FS and CR in separate chunks', () => {
    const decoder = new MllpDecoder();
    const stream = Buffer.concat([mllpFrame(MSG_A), mllpFrame(MSG_B)]);
    const out = [...stream].flatMap((byte) => decoder.push(Buffer.of(byte)));
    assert.deepEqual(texts(out), [MSG_A, MSG_B], 'both payloads from single bytes');
    assert.equal(decoder.skippedBytes, 0, 'the CR after FS is not counted as skipped');
  });

  test('many frames in one chunk', () => {
    const messages = Array.from({ length: 50 }, (_, i) => `MSH|^~\\&|S${i}|||||ORU^R01|${i}|P|2.6`);
    const decoder = new MllpDecoder();
    const out = decoder.push(Buffer.concat(messages.map((m) => mllpFrame(m))));
    assert.deepEqual(texts(out), messages, 'all 50 payloads in order');
  });

  test('stray bytes before a VT and between frames are skipped and counted', () => {
    const decoder = new MllpDecoder();
    const stream = Buffer.concat([Buffer.from('junk'), mllpFrame(MSG_A), Buffer.from('\r\n  '), mllpFrame(MSG_B), Buffer.from('xy')]);
    assert.deepEqual(texts(decoder.push(stream)), [MSG_A, MSG_B], 'payloads survive the noise');
    assert.equal(decoder.skippedBytes, 4 + 4 + 2, 'junk, CRLF+spaces and the trailing bytes are counted');
  });

  test('a VT inside an unfinished frame restarts the frame', () => {
    const decoder = new MllpDecoder();
    const partial = Buffer.concat([Buffer.of(0x0b), Buffer.from('MSH|half a mess')]);
    assert.deepEqual(decoder.push(partial), [], 'nothing complete yet');
    assert.deepEqual(texts(decoder.push(mllpFrame(MSG_B))), [MSG_B], 'the restarted frame is delivered');
    assert.equal(decoder.restarts, 1, 'the restart is counted');
    assert.equal(decoder.skippedBytes, 0, 'a dropped partial frame is not counted as skipped bytes');
  });

  test('FS without CR still ends the frame; the next byte is read as outside a frame', () => {
    const decoder = new MllpDecoder();
    const stream = Buffer.concat([Buffer.of(0x0b), Buffer.from(MSG_A), Buffer.of(0x1c), mllpFrame(MSG_B)]);
    assert.deepEqual(texts(decoder.push(stream)), [MSG_A, MSG_B], 'both frames');
    assert.equal(decoder.skippedBytes, 0, 'the VT after a bare FS starts the next frame');
  });

  test('a frame above the size limit is dropped, counted, and the next frame is fine', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 20 });
    const big = mllpFrame('x'.repeat(21));
    const small = mllpFrame('MSH|^~\\&|small');
    assert.deepEqual(decoder.push(big.subarray(0, 10)), [], 'first part of the big frame');
    const out = decoder.push(Buffer.concat([big.subarray(10), small]));
    assert.deepEqual(texts(out), ['MSH|^~\\&|small'], 'only the small frame');
    assert.equal(decoder.oversized, 1, 'one oversized frame');
    assert.equal(decoder.bufferedBytes, 0, 'the big frame is not kept in memory');
    const exact = new MllpDecoder({ maxFrameBytes: 20 });
    assert.equal(exact.push(mllpFrame('y'.repeat(20))).length, 1, 'a payload of exactly the limit passes');
  });

  test('a VT while discarding an oversized frame starts a new frame', () => {
    const decoder = new MllpDecoder({ maxFrameBytes: 5 });
    const stream = Buffer.concat([Buffer.of(0x0b), Buffer.from('toolongpayload'), mllpFrame('ok')]);
    assert.deepEqual(texts(decoder.push(stream)), ['ok'], 'the frame after the oversized one');
    assert.equal(decoder.oversized, 1, 'counted once');
    assert.equal(decoder.restarts, 0, 'not a restart of a live frame');
  });

  test('push copies: reusing the chunk buffer does not corrupt a buffered frame', () => {
    const decoder = new MllpDecoder();
    const chunk = Buffer.concat([Buffer.of(0x0b), Buffer.from('MSH|abc')]);
    decoder.push(chunk);
    chunk.fill(0x41);
    assert.deepEqual(texts(decoder.push(Buffer.of(0x1c, 0x0d))), ['MSH|abc'], 'payload intact');
  });
});

describe('mllpFrame', () => {
  test('wraps a string as UTF-8 between VT and FS CR', () => {
    const frame = mllpFrame('MSH|Ø');
    assert.equal(frame[0], 0x0b, 'starts with VT');
    assert.deepEqual([...frame.subarray(-2)], [0x1c, 0x0d], 'ends with FS CR');
    assert.equal(frame.subarray(1, -2).toString('utf8'), 'MSH|Ø', 'UTF-8 payload');
  });
  test('wraps a Buffer unchanged', () => {
    const payload = Buffer.from([0x4d, 0x53, 0x48, 0xd8]);
    assert.deepEqual(mllpFrame(payload).subarray(1, -2), payload, 'bytes as given');
  });
});

describe('decodePayload', () => {
  const msh = (charset: string): string => `MSH|^~\\&|APP|FAC|||20260124||ORU^R01|1|P|2.6|||NE|AL||${charset}\rPID|||1||`;

  test('UNICODE UTF-8 and the default decode as UTF-8', () => {
    assert.equal(decodePayload(Buffer.from(`${msh('UNICODE UTF-8')}Søren Ærø`, 'utf8')).endsWith('Søren Ærø'), true, 'explicit UTF-8');
    assert.equal(decodePayload(Buffer.from(`${msh('')}Søren`, 'utf8')).endsWith('Søren'), true, 'no MSH-18 → UTF-8');
    assert.equal(decodePayload(Buffer.from(`${msh('UNICODE')}Å`, 'utf8')).endsWith('Å'), true, 'UNICODE → UTF-8');
  });

  test('8859/1 and ASCII decode as Latin-1', () => {
    assert.equal(decodePayload(Buffer.from(`${msh('8859/1')}Søren Ærø`, 'latin1')).endsWith('Søren Ærø'), true, '8859/1');
    assert.equal(decodePayload(Buffer.from(`${msh('ASCII')}Ø`, 'latin1')).endsWith('Ø'), true, 'ASCII with a stray high byte keeps it');
  });

  test('8859/15 decodes the euro sign', () => {
    const bytes = Buffer.concat([Buffer.from(msh('8859/15'), 'latin1'), Buffer.of(0xa4)]);
    assert.equal(decodePayload(bytes).endsWith('€'), true, '0xA4 is € in ISO-8859-15');
  });

  test('MSH-18 is read from raw bytes, with repetitions and other delimiters', () => {
    assert.equal(readRawCharset(Buffer.from(msh('8859/1~UNICODE UTF-8'), 'latin1')), '8859/1', 'first repetition');
    assert.equal(readRawCharset(Buffer.from('MSH#^~\\&#A######ORU^R01#1#P#2.6######8859/1', 'latin1')), '8859/1', 'another field separator');
    assert.equal(readRawCharset(Buffer.from('PID|1', 'latin1')), undefined, 'no MSH');
    assert.equal(readRawCharset(Buffer.from('MSH|^~\\&|A', 'latin1')), undefined, 'no MSH-18');
  });

  test('an unknown charset falls back to UTF-8', () => {
    assert.equal(decodePayload(Buffer.from(`${msh('KLINGON')}Ø`, 'utf8')).endsWith('Ø'), true, 'fallback UTF-8');
  });

  test('encodePayload mirrors decodePayload for Latin-1 and UTF-8', () => {
    const latin = `${msh('8859/1')}Ærø`;
    assert.equal(decodePayload(encodePayload(latin)), latin, '8859/1 round trip');
    assert.equal(encodePayload(latin).length, latin.length, 'one byte per character in Latin-1');
    const utf = `${msh('UNICODE UTF-8')}Ærø`;
    assert.equal(decodePayload(encodePayload(utf)), utf, 'UTF-8 round trip');
  });
});
