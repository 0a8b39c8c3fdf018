'use client';

/**
 * One Server-Sent Events subscription (issue #13): an EventSource on a URL of ours, its frames
 * parsed as JSON and handed to the caller by event name, and a state a page can show.
 *
 * - 'connecting': the first connection is being made.
 * - 'live': the stream is open.
 * - 'reconnecting': it was lost. The browser retries by itself after a dropped connection (the
 *   server's `retry:` says how soon, and it sends `Last-Event-ID` so missed events are replayed);
 *   but an EventSource that got an error answer (a 429, a 503 during a restart, a proxy's 502)
 *   gives up for good, and one that went offline can sit waiting. Those are re-opened here with
 *   a backoff (1 s, 2 s, 4 s, 8 s, then every 10 s, each ±20 %), at once when the browser comes
 *   back online.
 *
 * A re-opened stream cannot send `Last-Event-ID` (EventSource has no headers), so after any
 * reconnection `onResync` is called: the page refetches what it shows instead of trusting that
 * every event was replayed. So does the server's `event: reset` (a resume reached further back
 * than its replay buffer). Everything is closed on unmount; nothing outlives the component.
 */
import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveMessage {
  /** The SSE event name (`booking`, `slot`, …). */
  event: string;
  /** The frame's `id:` (the server's sequence number), '' when none. */
  id: string;
  data: unknown;
}

export interface EventStreamOptions {
  /** The event names to listen for (EventSource delivers named events only to their listeners). */
  events: readonly string[];
  onMessage: (message: LiveMessage) => void;
  /** Called once the stream is open again after it was lost: refetch, events may have been missed. */
  onResync?: () => void;
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 10_000];
/** A stream that gave no sign of life this long after an error is re-opened by hand. */
const STUCK_MS = 10_000;

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Parses a frame's data: JSON as the contract says, else the raw text (never throws). */
export function parseFrame(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** What a connection needs from the browser (tests hand in stand-ins). */
export interface StreamEnvironment {
  EventSource: { new (url: string, init?: EventSourceInit): EventSource; readonly CLOSED: number; readonly OPEN: number };
  /** Where 'online' and 'offline' are heard: the window. */
  network: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface StreamHandlers extends EventStreamOptions {
  onState: (state: LiveState) => void;
}

/**
 * Opens `url` and keeps it open until the returned function is called: the whole connection
 * logic, without React (the hook below wraps it; tests drive it with a stand-in EventSource).
 */
export function connectEventStream(url: string, handlers: () => StreamHandlers, env: StreamEnvironment): () => void {
  const ES = env.EventSource;
  const events = [...handlers().events];
  let source: EventSource | null = null;
  let retryTimer: unknown;
  let attempts = 0;
  let everOpen = false;
  let lost = false;
  let disposed = false;
  const stopTimer = () => {
    if (retryTimer !== undefined) env.clearTimeout(retryTimer);
    retryTimer = undefined;
  };

  const onFrame = (e: Event) => {
    const m = e as MessageEvent;
    handlers().onMessage({ event: m.type, id: m.lastEventId ?? '', data: parseFrame(m.data) });
  };
  const onReset = () => handlers().onResync?.();
  const onOpen = () => {
    attempts = 0;
    stopTimer();
    handlers().onState('live');
    if (everOpen && lost) handlers().onResync?.();
    everOpen = true;
    lost = false;
  };
  const onError = () => {
    if (disposed) return;
    lost = true;
    handlers().onState(everOpen ? 'reconnecting' : 'connecting');
    stopTimer();
    if (source?.readyState === ES.CLOSED) {
      // An error answer: the browser will not try again by itself.
      scheduleReopen();
    } else {
      // The browser is retrying; if it has not got through in a while, take over.
      retryTimer = env.setTimeout(() => {
        if (source?.readyState !== ES.OPEN) scheduleReopen();
      }, STUCK_MS);
    }
  };

  function close() {
    if (!source) return;
    source.removeEventListener('open', onOpen);
    source.removeEventListener('error', onError);
    source.removeEventListener('reset', onReset);
    for (const name of events) source.removeEventListener(name, onFrame);
    source.close();
    source = null;
  }
  function open() {
    retryTimer = undefined;
    close();
    if (disposed) return;
    source = new ES(url, { withCredentials: true });
    source.addEventListener('open', onOpen);
    source.addEventListener('error', onError);
    source.addEventListener('reset', onReset);
    for (const name of events) source.addEventListener(name, onFrame);
  }
  function scheduleReopen(delay = backoffDelay(attempts)) {
    close();
    stopTimer();
    attempts += 1;
    retryTimer = env.setTimeout(open, delay);
  }
  const onOffline = () => {
    // Nothing can arrive while offline, and a connection that looks open may be dead: drop it.
    lost = true;
    stopTimer();
    close();
    handlers().onState(everOpen ? 'reconnecting' : 'connecting');
  };
  const onOnline = () => {
    // Back online: try now rather than at the end of a backoff.
    attempts = 0;
    scheduleReopen(0);
  };

  open();
  env.network.addEventListener('offline', onOffline);
  env.network.addEventListener('online', onOnline);
  return () => {
    disposed = true;
    stopTimer();
    env.network.removeEventListener('offline', onOffline);
    env.network.removeEventListener('online', onOnline);
    close();
  };
}

/**
 * Subscribes to `url` (null: not now) while the component is mounted. The callbacks may change
 * on every render; only a new URL or a new list of event names re-opens the stream.
 */
export function useEventStream(url: string | null, options: EventStreamOptions): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const eventsKey = options.events.join(',');

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const events = eventsKey.split(',').filter(Boolean);
    return connectEventStream(url, () => ({ ...latest.current, events, onState: setState }), {
      EventSource,
      network: window,
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
    });
  }, [url, eventsKey]);

  return url ? state : 'connecting';
}
