/**
 * Docs for API users: the OpenAPI 3.1 document, generated from the declared routes, at
 * GET /api/v1/openapi.json, and an interactive reference (Swagger UI, from the maintained
 * swagger-ui-dist package, served from this process: no CDN) at /api/docs under the pages' CSP.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { ApiEnv } from '@/api/types';
import { newNonce, pageCsp } from '@/lib/security-headers';

export const API_VERSION = '1';

/** The OpenAPI 3.1 document of everything mounted under /api/v1. */
export function openApiDocument(v1: OpenAPIHono<ApiEnv>) {
  v1.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'bookline.session_token',
    description: 'The session cookie Better Auth sets at sign-in (`POST /api/auth/sign-in/email`). Changes also need `Origin` set to the server’s public URL.',
  });
  v1.openAPIRegistry.registerComponent('securitySchemes', 'metricsToken', { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' });
  return v1.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Bookline API',
      version: API_VERSION,
      description:
        'Bookings, reservations and orders for any business. Every error answers one envelope `{ error: { code, message, details?, requestId } }`. ' +
        'Routes under `/orgs/{slug}` need a session of a member of that organization and the permission named in `x-permission`; another organization’s data answers 404. ' +
        'Lists are paginated `{ data, pagination }`.',
      license: { name: 'MIT' },
    },
    servers: [{ url: '/api/v1' }],
    security: [{ session: [] }],
  });
}

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const assets: Record<string, { type: string; file: string }> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', file: 'swagger-ui.css' },
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', file: 'swagger-ui-bundle.js' },
};
const cache = new Map<string, string>();
const asset = (name: string) => {
  let body = cache.get(name);
  if (body === undefined) {
    body = readFileSync(path.join(swaggerDir, assets[name]!.file), 'utf8');
    cache.set(name, body);
  }
  return body;
};

// Without deep links an operation's path is plain text inside its summary button (with them it
// is a link nested in a button, which screen readers cannot reach); the servers drop-down gets
// the name Swagger UI leaves off. Schemas are read where each operation uses them (the separate
// Schemas list is left out).
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', deepLinking: false, defaultModelsExpandDepth: -1, tryItOutEnabled: false, withCredentials: true });
  var label = function () {
    document.querySelectorAll('select:not([aria-label])').forEach(function (s) {
      if (s.id === 'servers') s.setAttribute('aria-label', 'Server');
    });
  };
  new MutationObserver(label).observe(document.getElementById('reference'), { childList: true, subtree: true });
});
`;

/** Swagger UI's colours that fail WCAG AA contrast on white (4.5:1), darkened. */
const THEME = `.swagger-ui .info a { color: #1d5fb4; }
.swagger-ui .info .title small { background: #4b5563; }
.swagger-ui .info .title small.version-stamp { background-color: #3f6212; }
.swagger-ui .btn.authorize { border-color: #1f7a52; color: #1f7a52; }
.swagger-ui .btn.authorize svg { color: #1f7a52; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1d5fb4; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1f7a52; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #9a4a00; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0f766e; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b91c1c; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #4b5563; }
.swagger-ui .response-col_status .response-undocumented,
.swagger-ui .response-col_links .response-undocumented { color: #4b5563; }
.swagger-ui .opblock.opblock-head .opblock-summary-method,
.swagger-ui .opblock.opblock-options .opblock-summary-method { background: #4b5563; }
`;

/** /api/docs (the reference page) and its assets. */
export function docsRoutes(baseUrl: string) {
  const https = baseUrl.startsWith('https://');
  return new Hono<ApiEnv>()
    .get('/', (c) => {
      const nonce = newNonce();
      c.header('Cache-Control', 'no-store');
      c.header('Content-Security-Policy', pageCsp({ nonce, dev: false, https }));
      return c.html(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bookline API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="stylesheet" href="/api/docs/theme.css">
</head>
<body>
<main id="reference" aria-label="Bookline API reference"></main>
<script nonce="${nonce}" src="/api/docs/swagger-ui-bundle.js"></script>
<script nonce="${nonce}" src="/api/docs/init.js"></script>
</body>
</html>`);
    })
    .get('/init.js', (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=300');
      return c.body(INIT);
    })
    .get('/theme.css', (c) => {
      c.header('Content-Type', 'text/css; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=300');
      return c.body(THEME);
    })
    .get('/:file{swagger-ui\\.css|swagger-ui-bundle\\.js}', (c) => {
      const name = c.req.param('file');
      c.header('Content-Type', assets[name]!.type);
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(asset(name));
    });
}
