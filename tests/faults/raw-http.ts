/** HTTP/1.1 by hand, for requests that must be caught half-sent: the shutdown tests hold a
 * request open across SIGTERM by sending its body (or its last header line) later. */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface OpenRequest {
  socket: Socket;
  /** Resolves after the whole response (the request says Connection: close). */
  response: Promise<RawResponse>;
  /** Resolves when the server answered "100 Continue": it has the headers and runs the handler. */
  continued: Promise<void>;
}

function parse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`incomplete response: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let out = '';
    for (let rest = body; ; ) {
      const eol = rest.indexOf('\r\n');
      const size = parseInt(rest.slice(0, eol), 16);
      if (!size) break;
      out += rest.slice(eol + 2, eol + 2 + size);
      rest = rest.slice(eol + 2 + size + 2);
    }
    body = out;
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body };
}

/** Connects and writes `head` (and nothing else yet). */
export function openRequest(port: number, head: string): Promise<OpenRequest> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    let onContinue: () => void;
    const continued = new Promise<void>((r) => (onContinue = r));
    const response = new Promise<RawResponse>((res, rej) => {
      socket.on('data', (chunk) => {
        raw += chunk.toString('latin1');
        const interim = /^HTTP\/1\.1 100 Continue\r\n\r\n/.exec(raw);
        if (interim) {
          raw = raw.slice(interim[0].length);
          onContinue();
        }
      });
      socket.on('end', () => {
        try {
          res(parse(raw));
        } catch (err) {
          rej(err);
        }
      });
      socket.on('error', rej);
    });
    response.catch(() => undefined); // observed by the test when it awaits it
    socket.once('connect', () => {
      socket.write(head);
      resolve({ socket, response, continued });
    });
    socket.once('error', reject);
  });
}

/** True when a new TCP connection to the port is refused (nothing listens any more). */
export function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}
