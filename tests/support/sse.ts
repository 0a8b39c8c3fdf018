/** A Server-Sent Events client for tests: reads a stream over real HTTP and keeps its frames. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
  retry?: string;
}

export class SseClient {
  readonly frames: Frame[] = [];
  ended = false;
  private buffer = '';
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    void this.pump();
  }

  private async pump() {
    const reader = this.response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, cut);
          this.buffer = this.buffer.slice(cut + 2);
          const frame: Frame = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else {
              const i = line.indexOf(':');
              const key = line.slice(0, i) as keyof Frame;
              const value = line.slice(i + 1).replace(/^ /, '');
              frame[key] = frame[key] !== undefined && key === 'data' ? `${frame.data}\n${value}` : value;
            }
          }
          this.frames.push(frame);
        }
        for (const l of this.listeners) l();
      }
    } catch {
      // aborted or cut off
    }
    this.ended = true;
    for (const l of this.listeners) l();
  }

  /** Frames of one event type with their data parsed. */
  events<T = Record<string, unknown>>(event: string): (T & { id: string })[] {
    return this.frames.filter((f) => f.event === event).map((f) => ({ ...(JSON.parse(f.data ?? '{}') as T), id: f.id ?? '' }));
  }

  /** Waits until `check` holds (or the stream ends, or `ms` pass: then it throws). */
  async until(check: (c: SseClient) => boolean, ms = 10_000, what = 'the expected frames'): Promise<void> {
    if (check(this)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; frames: ${JSON.stringify(this.frames.slice(-10))}`));
      }, ms);
      const listener = () => {
        if (check(this) || this.ended) {
          clearTimeout(timer);
          this.listeners.delete(listener);
          if (check(this)) resolve();
          else reject(new Error(`stream ended before ${what}; frames: ${JSON.stringify(this.frames.slice(-10))}`));
        }
      };
      this.listeners.add(listener);
    });
  }

  close() {
    this.abort.abort();
  }
}

/** Opens a stream; a refusal (not text/event-stream) comes back as status + JSON. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<{ status: number; sse: SseClient | null; json: any; headers: Headers }> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, sse: null, json, headers: res.headers };
  }
  return { status: res.status, sse: new SseClient(res, abort), json: null, headers: res.headers };
}

/** An app served over real HTTP on a loopback port, as src/server.ts serves it. */
export async function serveApp(app: { fetch: (req: Request) => Response | Promise<Response> }): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
