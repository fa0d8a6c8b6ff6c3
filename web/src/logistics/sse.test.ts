import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readEventStream, SseParser, type SseEvent } from './sse.ts';

function parse(chunks: readonly (string | Uint8Array)[]): { events: SseEvent[]; comments: string[]; retries: number[] } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = new SseParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return { events, comments, retries };
}

const board = JSON.stringify({ ward: { id: 'w1', name: 'Medicinsk sengeafsnit M1 – Ærø' }, rows: [{ key: 'b1', patient: { name: 'Søren Østergård' } }] });

/** A stream as the server writes it: a comment, two events (one with CRLF line ends), a keep-alive. */
const STREAM =
  `: hello\n\nevent: board\ndata: ${board}\n\n` +
  `event: board\r\ndata: {"a":1,\r\ndata: "b":"å"}\r\n\r\n` +
  `: keep-alive\n\n`;
const EXPECTED: SseEvent[] = [
  { event: 'board', data: board },
  { event: 'board', data: '{"a":1,\n"b":"å"}' },
];

describe('server-sent events parser', () => {
  it('reads events, multi-line data and comments in one chunk', () => {
    const { events, comments } = parse([STREAM]);
    assert.deepEqual(events, EXPECTED, 'both events, data lines joined with LF');
    assert.deepEqual(comments, ['hello', 'keep-alive'], 'comments reported without the colon');
    assert.deepEqual(JSON.parse(events[0]!.data), JSON.parse(board), 'the data is the JSON as sent');
  });

  it('gives the same events however the text is split into two or three chunks', () => {
    for (let i = 0; i <= STREAM.length; i++) {
      const two = parse([STREAM.slice(0, i), STREAM.slice(i)]);
      assert.deepEqual(two.events, EXPECTED, `split at ${i}: ${JSON.stringify(STREAM.slice(Math.max(0, i - 3), i + 3))}`);
      assert.deepEqual(two.comments, ['hello', 'keep-alive'], `comments, split at ${i}`);
    }
    for (let i = 0; i < STREAM.length; i += 7) {
      for (let j = i; j <= STREAM.length; j += 5) {
        assert.deepEqual(parse([STREAM.slice(0, i), STREAM.slice(i, j), STREAM.slice(j)]).events, EXPECTED, `split at ${i} and ${j}`);
      }
    }
  });

  it('decodes UTF-8 split inside a multi-byte character, byte by byte', () => {
    const bytes = new TextEncoder().encode(STREAM);
    const oneByOne = parse([...bytes].map((b) => new Uint8Array([b])));
    assert.deepEqual(oneByOne.events, EXPECTED, 'æ, ø, å and – survive byte-wise chunks');
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(parse([bytes.slice(0, i), bytes.slice(i)]).events, EXPECTED, `byte split at ${i}`);
    }
  });

  it('treats CR alone as a line end, also when the CR ends a chunk and a LF starts the next', () => {
    assert.deepEqual(parse(['event: x\rdata: 1\r\r']).events, [{ event: 'x', data: '1' }], 'CR-only line ends');
    assert.deepEqual(parse(['event: x\r', '\ndata: 1\r', '\n\r', '\n']).events, [{ event: 'x', data: '1' }], 'CRLF split between CR and LF');
    assert.deepEqual(parse(['data: 1\r', '\r']).events, [{ event: 'message', data: '1' }], 'CR then CR is a blank line');
  });

  it('follows the field rules: default event name, one space dropped, no colon, empty data, ids, retry, unknown fields', () => {
    const { events, retries } = parse(['data:x\n\n', 'data:  two spaces\n\n', 'data\n\n', 'id: 7\nfoo: bar\ndata: y\n\n', 'event: e\n\n', 'retry: 2500\nretry: soon\ndata: z\n\n']);
    assert.deepEqual(
      events,
      [
        { event: 'message', data: 'x' },
        { event: 'message', data: ' two spaces' },
        { event: 'message', data: '' },
        { event: 'message', data: 'y', id: '7' },
        { event: 'message', data: 'z', id: '7' },
      ],
      'an event without data is not dispatched; the id carries over',
    );
    assert.deepEqual(retries, [2500], 'only a numeric retry counts');
  });

  it('drops a byte-order mark at the start and an unfinished event at the end', () => {
    assert.deepEqual(parse(['\uFEFFdata: 1\n\ndata: 2\n']).events, [{ event: 'message', data: '1' }], 'BOM dropped, unfinished event dropped');
    assert.deepEqual(parse([new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf]), 'data: 1\n\n']).events, [{ event: 'message', data: '1' }], 'BOM in bytes split over chunks');
  });

  it('reads a ReadableStream to its end, and stops when the signal aborts', async () => {
    const bytes = new TextEncoder().encode(STREAM);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 11) controller.enqueue(bytes.slice(i, i + 11));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    await readEventStream(body, new SseParser({ onEvent: (e) => events.push(e) }));
    assert.deepEqual(events, EXPECTED, 'events from a chunked body');

    const open = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\n'));
      },
    });
    const abort = new AbortController();
    const got: SseEvent[] = [];
    const reading = readEventStream(open, new SseParser({ onEvent: (e) => got.push(e) }), abort.signal);
    setTimeout(() => abort.abort(), 10);
    await reading;
    assert.deepEqual(got, [{ event: 'message', data: '1' }], 'the event before the abort arrived, then the read ended');
  });
});
