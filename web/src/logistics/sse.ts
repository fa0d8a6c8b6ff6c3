/**
 * A reader of `text/event-stream` (server-sent events) for streams opened with fetch, so the
 * request can carry `Authorization: Bearer` (EventSource cannot). Incremental and pure: chunks may
 * split anywhere (inside a line, between CR and LF, inside a UTF-8 sequence). Follows the WHATWG
 * parsing rules: lines end in CRLF, LF or CR; `:` starts a comment; `field: value` (one leading
 * space dropped); a blank line dispatches the event; an unfinished event at the end is dropped.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

export interface SseEvent {
  /** The `event:` field, or 'message' when there was none. */
  readonly event: string;
  /** The `data:` lines joined with LF. */
  readonly data: string;
  /** The last `id:` seen on the stream (it carries over to later events). */
  readonly id?: string;
}

export interface SseHandlers {
  onEvent(event: SseEvent): void;
  /** A comment line (e.g. `: keep-alive`), without the colon. */
  onComment?(text: string): void;
  /** A `retry:` field: the server's reconnection delay in milliseconds. */
  onRetry?(ms: number): void;
}

export class SseParser {
  private buffer = '';
  /** The previous chunk ended in CR: a LF at the start of the next one belongs to that line end. */
  private skipLf = false;
  private started = false;
  private eventType = '';
  private dataLines: string[] | null = null;
  private lastId: string | undefined;
  private decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | undefined;

  constructor(private readonly handlers: SseHandlers) {}

  /** Feeds the next piece of the stream: text, or bytes (UTF-8, decoded across chunk borders). */
  feed(chunk: string | Uint8Array): void {
    let text = typeof chunk === 'string' ? chunk : (this.decoder ??= new TextDecoder('utf-8')).decode(chunk, { stream: true });
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.skipLf && text.length > 0) {
      if (text[0] === '\n') text = text.slice(1);
      this.skipLf = false;
    }
    this.buffer += text;
    this.drainLines();
  }

  /** The stream ended: anything after the last blank line is an unfinished event and is dropped. */
  end(): void {
    if (this.decoder) this.feed(this.decoder.decode());
    this.buffer = '';
    this.eventType = '';
    this.dataLines = null;
  }

  private drainLines(): void {
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else this.skipLf = true;
      }
      start = i + 1;
      this.line(line);
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line[0] === ':') {
      this.handlers.onComment?.(line.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        (this.dataLines ??= []).push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.handlers.onRetry?.(Number(value));
        break;
      default:
      // Unknown fields are ignored.
    }
  }

  private dispatch(): void {
    const data = this.dataLines;
    const event = this.eventType || 'message';
    this.dataLines = null;
    this.eventType = '';
    if (data === null) return;
    this.handlers.onEvent({ event, data: data.join('\n'), ...(this.lastId !== undefined ? { id: this.lastId } : {}) });
  }
}

/**
 * Reads a response body to its end through the parser. Aborting the signal cancels the reader,
 * which ends the read like the server closing the stream.
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, parser: SseParser, signal?: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value) parser.feed(value);
    }
    parser.end();
  } finally {
    signal?.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}
