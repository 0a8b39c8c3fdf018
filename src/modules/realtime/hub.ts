/**
 * The realtime hub of one app instance: it receives every event from the fan-out channel, keeps
 * the latest ones for resuming streams, and writes each to the Server-Sent Events streams that
 * are connected to this instance and may see it.
 *
 * - A stream is a pull-based ReadableStream (no read-ahead): frames wait in the stream's own
 *   queue until the HTTP layer takes them, and the node server takes the next chunk only when
 *   the socket has drained. A client that stops reading lets its queue grow; past
 *   `maxQueueBytes` it is dropped (the connection is destroyed), never buffered without bound.
 * - Resume: a stream opened with `Last-Event-ID: n` first gets the events after n — from memory
 *   (the last `replay` events) or, after a restart or for an older n, from the database (the
 *   outbox keeps each event's number) — then live ones, each exactly once and in order. Past the
 *   replay bound it gets `event: reset` (refetch everything) instead.
 * - Heartbeats (`: ping`) every `heartbeatMs` keep proxies from closing idle streams and find
 *   dead connections; `closeAll()` ends every stream cleanly at shutdown (clients reconnect,
 *   after `retry` ms, to another instance).
 */
import { AppError } from '@/lib/errors';
import type { RealtimeEvent } from './events';

export interface HubOptions {
  /** Events kept in memory for resuming (and the most a resume may replay). */
  replay?: number;
  heartbeatMs?: number;
  /** Unsent bytes one stream may hold before it is dropped as a slow reader. */
  maxQueueBytes?: number;
  /** Open streams per client address on this instance; more answer 429. */
  maxStreamsPerAddress?: number;
  /** Open streams on this instance; more answer 503. */
  maxStreams?: number;
  /** The client's reconnect delay (the stream's `retry:`). */
  retryMs?: number;
  /** Events after `seq`, oldest first, at most `limit` (the database's copy, for resuming). */
  loadAfter?: (seq: number, limit: number) => Promise<RealtimeEvent[]>;
}

/** Turns an event into this stream's frames ('' when the stream may not see it). */
export type FrameFor = (event: RealtimeEvent) => string;

interface Stream {
  address: string;
  frame: FrameFor;
  /** Last event number passed to this stream (its frames may still be queued). */
  cursor: number;
  /** While resuming: live events that arrived before the replay was read. */
  holding: RealtimeEvent[] | null;
  queue: string[];
  bytes: number;
  waiting: (() => void) | null;
  controller: ReadableStreamDefaultController<Uint8Array> | null;
  closed: boolean;
}

const encoder = new TextEncoder();

export class RealtimeHub {
  private readonly replay: number;
  private readonly maxQueueBytes: number;
  private readonly maxStreamsPerAddress: number;
  private readonly maxStreams: number;
  private readonly retryMs: number;
  private readonly loadAfter: HubOptions['loadAfter'];
  /** The last `replay` events, by number. */
  private recent: RealtimeEvent[] = [];
  /** Highest event number seen (0: none yet). */
  private latest = 0;
  private readonly streams = new Set<Stream>();
  private readonly perAddress = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Streams dropped for not reading (a counter for tests and metrics). */
  dropped = 0;

  constructor(options: HubOptions = {}) {
    this.replay = options.replay ?? 1000;
    this.maxQueueBytes = options.maxQueueBytes ?? 256 * 1024;
    this.maxStreamsPerAddress = options.maxStreamsPerAddress ?? 20;
    this.maxStreams = options.maxStreams ?? 10_000;
    this.retryMs = options.retryMs ?? 2000;
    this.loadAfter = options.loadAfter;
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  /** Streams open on this instance. */
  get size(): number {
    return this.streams.size;
  }

  /** Bytes waiting in all streams' queues. */
  get queuedBytes(): number {
    let n = 0;
    for (const s of this.streams) n += s.bytes;
    return n;
  }

  /** Events from the fan-out channel (any order within a batch; repeats are ignored). */
  receive(events: RealtimeEvent[]): void {
    const fresh = events.filter((e) => e.seq > this.latest).sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return;
    this.latest = fresh[fresh.length - 1]!.seq;
    this.recent.push(...fresh);
    if (this.recent.length > this.replay) this.recent.splice(0, this.recent.length - this.replay);
    for (const stream of this.streams) {
      if (stream.holding) stream.holding.push(...fresh);
      else for (const e of fresh) this.pass(stream, e);
    }
  }

  /**
   * Opens a stream. Throws the 429 envelope past the per-address limit (before any byte is
   * sent). `lastEventId` (the header, as sent) resumes after that event.
   */
  open(address: string, frame: FrameFor, lastEventId?: string | null): ReadableStream<Uint8Array> {
    const held = this.perAddress.get(address) ?? 0;
    if (held >= this.maxStreamsPerAddress) {
      throw new AppError('RATE_LIMITED', `Too many live connections from this address (at most ${this.maxStreamsPerAddress}). Close another tab or try again later.`, {
        reason: 'too_many_streams',
        limit: this.maxStreamsPerAddress,
      });
    }
    if (this.streams.size >= this.maxStreams) throw new AppError('UNAVAILABLE', 'This server has too many live connections; try again shortly.');
    const resumeAfter = parseLastEventId(lastEventId);
    const stream: Stream = {
      address,
      frame,
      cursor: resumeAfter ?? this.latest,
      holding: resumeAfter !== null ? [] : null,
      queue: [`retry: ${this.retryMs}\n\n`],
      bytes: 0,
      waiting: null,
      controller: null,
      closed: false,
    };
    this.perAddress.set(address, held + 1);
    this.streams.add(stream);
    if (resumeAfter !== null) void this.resume(stream, resumeAfter);
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          stream.controller = controller;
        },
        pull: (controller) => {
          if (stream.closed) return;
          if (stream.queue.length > 0) return this.flush(stream, controller);
          return new Promise<void>((resolve) => {
            stream.waiting = () => {
              stream.waiting = null;
              if (!stream.closed && stream.queue.length > 0) this.flush(stream, controller);
              resolve();
            };
          });
        },
        cancel: () => this.forget(stream),
      },
      { highWaterMark: 0 },
    );
  }

  /** Ends every stream (shutdown): what is queued is sent, then the stream closes. */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const stream of [...this.streams]) {
      this.forget(stream);
      try {
        if (stream.queue.length > 0) stream.controller?.enqueue(encoder.encode(stream.queue.join('')));
        stream.controller?.close();
      } catch {
        // already closed by the client
      }
      stream.waiting?.();
    }
  }

  private async resume(stream: Stream, after: number): Promise<void> {
    let events: RealtimeEvent[] | null;
    const oldest = this.recent[0]?.seq;
    if (oldest !== undefined && after >= oldest - 1) events = this.recent.filter((e) => e.seq > after);
    else if (this.loadAfter) {
      try {
        const loaded = await this.loadAfter(after, this.replay + 1);
        events = loaded.length > this.replay ? null : loaded;
      } catch {
        events = null;
      }
    } else events = after >= this.latest ? [] : null;
    if (stream.closed) return;
    const held = stream.holding ?? [];
    stream.holding = null;
    if (events === null) {
      // Too far behind: the client refetches what it shows and follows live events from here.
      stream.cursor = Math.max(this.latest - held.length, after);
      this.enqueue(stream, `event: reset\ndata: {}\n\n`);
    } else for (const e of events) this.pass(stream, e);
    for (const e of held) this.pass(stream, e);
  }

  private pass(stream: Stream, event: RealtimeEvent): void {
    if (event.seq <= stream.cursor || stream.closed) return;
    stream.cursor = event.seq;
    const text = stream.frame(event);
    if (text) this.enqueue(stream, text);
  }

  private enqueue(stream: Stream, text: string): void {
    stream.queue.push(text);
    stream.bytes += text.length;
    if (stream.bytes > this.maxQueueBytes) {
      this.drop(stream);
      return;
    }
    stream.waiting?.();
  }

  private flush(stream: Stream, controller: ReadableStreamDefaultController<Uint8Array>): void {
    const text = stream.queue.join('');
    stream.queue = [];
    stream.bytes = 0;
    controller.enqueue(encoder.encode(text));
  }

  private ping(): void {
    for (const stream of this.streams) if (!stream.holding) this.enqueue(stream, ': ping\n\n');
  }

  /** A client that does not read: its queue is freed and its connection destroyed. */
  private drop(stream: Stream): void {
    this.dropped += 1;
    this.forget(stream);
    stream.queue = [];
    stream.bytes = 0;
    try {
      stream.controller?.error(new Error('slow reader: live stream dropped'));
    } catch {
      // already closed
    }
    stream.waiting?.();
  }

  private forget(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    this.streams.delete(stream);
    const n = (this.perAddress.get(stream.address) ?? 1) - 1;
    if (n <= 0) this.perAddress.delete(stream.address);
    else this.perAddress.set(stream.address, n);
  }
}

/** The Last-Event-ID header as an event number, or null (absent or not ours: start live). */
function parseLastEventId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
