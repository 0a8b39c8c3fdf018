/**
 * The baseline for bench/api.ts: a bare node:http server in its own process answering what
 * `GET /api/v1/health` answers (the same JSON body and content type), on PORT, on every path.
 * It prints `ready` once listening, like bench/serve-api.ts.
 */
import { createServer } from 'node:http';

const body = JSON.stringify({ status: 'ok' });
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready bare node:http\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
