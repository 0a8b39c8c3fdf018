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
  /** Reading its replay (from memory or the database): live fan-out passes it by until done. */
  resuming: boolean;
  queue: string[];
  bytes: number;
  waiting: (() => void) | null;
  controller: ReadableStreamDefaultController<Uint8Array> | null;
  closed: boolean;
}

const encoder = new TextEncoder();
/** Streams served per turn of the event loop during a fan-out. */
const FAN_OUT_SLICE = 64;

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
  /** Highest event number dropped from `recent` (a stream behind it has missed events). */
  private evictedUpTo = 0;
  /** A fan-out pass is running (it yields between slices); `fanOutAgain`: events came meanwhile. */
  private fanning = false;
  private fanOutAgain = false;
  private readonly streams = new Set<Stream>();
  private readonly perAddress = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Streams dropped for not reading (a counter for tests and metrics). */
  dropped = 0;
  /** Set by closeAll(): the server is shutting down and opens no new stream. */
  private closing = false;

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
    if (this.recent.length > this.replay) {
      const evicted = this.recent.splice(0, this.recent.length - this.replay);
      this.evictedUpTo = evicted[evicted.length - 1]!.seq;
    }
    if (this.fanning) this.fanOutAgain = true;
    else void this.fanOut();
  }

  /**
   * Brings every stream up to the latest event. Streams are served in slices of FAN_OUT_SLICE
   * with a turn of the event loop between them, so a thousand streams do not hold up the
   * requests this process is serving; each stream catches up from its own cursor, so one that
   * waits for a later slice (or a later pass) still gets every event once, in order. All of a
   * stream's new frames are queued before it is woken: one write per stream per pass.
   */
  private async fanOut(): Promise<void> {
    this.fanning = true;
    try {
      do {
        this.fanOutAgain = false;
        const streams = [...this.streams];
        for (let i = 0; i < streams.length; i += FAN_OUT_SLICE) {
          if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
          for (let j = i; j < Math.min(i + FAN_OUT_SLICE, streams.length); j++) this.catchUp(streams[j]!);
        }
      } while (this.fanOutAgain);
    } finally {
      this.fanning = false;
    }
  }

  /** Queues a stream's frames for every event after its cursor, then wakes it. */
  private catchUp(stream: Stream): void {
    if (stream.closed || stream.resuming) return;
    if (stream.cursor < this.evictedUpTo) {
      // It fell further behind than memory holds: tell it to refetch, and go on from here.
      stream.cursor = this.latest;
      this.enqueue(stream, 'event: reset\ndata: {}\n\n');
      return;
    }
    const recent = this.recent;
    let lo = 0;
    let hi = recent.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (recent[mid]!.seq <= stream.cursor) lo = mid + 1;
      else hi = mid;
    }
    if (lo === recent.length) return;
    for (let k = lo; k < recent.length && !stream.closed; k++) this.pass(stream, recent[k]!, false);
    if (!stream.closed) stream.waiting?.();
  }

  /**
   * Opens a stream. Throws the 429 envelope past the per-address limit (before any byte is
   * sent). `lastEventId` (the header, as sent) resumes after that event.
   */
  open(address: string, frame: FrameFor, lastEventId?: string | null): ReadableStream<Uint8Array> {
    // A client reconnecting over a kept-alive connection while the server drains is told to
    // come back later (to another instance), not given a stream that would hold the shutdown.
    if (this.closing) throw new AppError('UNAVAILABLE', 'This server is shutting down; reconnect in a moment.');
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
      resuming: resumeAfter !== null,
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
            // Resolved only with something to send (or once closed): a pull that ends without
            // enqueuing is not called again, and the stream would stall.
            stream.waiting = () => {
              if (!stream.closed && stream.queue.length === 0) return;
              stream.waiting = null;
              if (!stream.closed) this.flush(stream, controller);
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
    this.closing = true;
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
    const oldest = this.recent[0]?.seq;
    // When memory holds everything after `after`, the live catch-up serves it; otherwise (an
    // older id, or a fresh instance after a restart) the database's copy does first.
    const inMemory = oldest !== undefined && after >= oldest - 1 && after >= this.evictedUpTo;
    let loaded: RealtimeEvent[] | null = [];
    if (!inMemory) {
      if (!this.loadAfter) loaded = after >= this.latest ? [] : null;
      else {
        try {
          const rows = await this.loadAfter(after, this.replay + 1);
          loaded = rows.length > this.replay ? null : rows;
        } catch {
          loaded = null;
        }
      }
    }
    if (stream.closed) return;
    stream.resuming = false;
    if (loaded === null) {
      // Too far behind: the client refetches what it shows and follows live events from here.
      stream.cursor = Math.max(this.latest, after);
      this.enqueue(stream, `event: reset\ndata: {}\n\n`);
      return;
    }
    for (const e of loaded) this.pass(stream, e, false);
    this.catchUp(stream);
    stream.waiting?.();
  }

  private pass(stream: Stream, event: RealtimeEvent, wake = true): void {
    if (event.seq <= stream.cursor || stream.closed) return;
    stream.cursor = event.seq;
    const text = stream.frame(event);
    if (text) this.enqueue(stream, text, wake);
  }

  private enqueue(stream: Stream, text: string, wake = true): void {
    stream.queue.push(text);
    stream.bytes += text.length;
    if (stream.bytes > this.maxQueueBytes) {
      this.drop(stream);
      return;
    }
    if (wake) stream.waiting?.();
  }

  private flush(stream: Stream, controller: ReadableStreamDefaultController<Uint8Array>): void {
    const text = stream.queue.join('');
    stream.queue = [];
    stream.bytes = 0;
    controller.enqueue(encoder.encode(text));
  }

  private ping(): void {
    for (const stream of this.streams) if (!stream.resuming) this.enqueue(stream, ': ping\n\n');
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
