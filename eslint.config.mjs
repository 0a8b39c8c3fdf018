// Lint: typescript-eslint, plus the project's architecture rules:
//  - imports flow app → api → modules → db, lib (ui is presentational, lib knows no domain);
//    the demo seed (src/seed) sits above the modules, whose use cases it calls, and is run
//    only by the composition roots (boot, scripts);
//  - a module is used through its index.ts, never a deep path;
//  - process.env is read only in src/lib/env.ts;
//  - client components ('use client') import no server code (bookline/client-imports).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (message, ...groups) => groups.map((group) => ({ group, message }));
// A module's schemas.ts is its contract (inputs and answers), loaded by forms in the browser too:
// it may be imported directly; everything else goes through the module's index.
const noDeepModules = layer('Use another module through its index: @/modules/<name> (or its contract, @/modules/<name>/schemas).', ['@/modules/*/*', '!@/modules/*/schemas']);
const noParentRelative = layer('Import across folders through the @/ alias so layer rules can see it.', ['../*']);
const seedInPages = 'Pages may read the demo definitions (@/seed/demo-organizations), never run the seed.';
const restrict = (...patterns) => ['error', { patterns: patterns.flat() }];

const src = path.join(import.meta.dirname, 'src');

/** What a file in the browser may not load, with the reason said in the report. */
const serverOnly = [
  {
    test: (s) => /^@\/modules\/[^/]+(\/(?!schemas$).*)?$/.test(s),
    why: "server code (a module's index and internals): use its contract, @/modules/<name>/schemas, or import only types",
  },
  { test: (s) => /^@\/db(\/(?!enums$).*)?$/.test(s), why: 'the database (only the plain enums, @/db/enums, are client-safe)' },
  { test: (s) => /^@\/api(\/|$)/.test(s), why: 'the API (pages import only types from @/api/contract; the client is @/app/_lib/api)' },
  {
    test: (s) => /^(@\/lib\/(env|logger|crypto|secrets|errors)$|@\/(boot|server|seed)(\/|$)|node:|drizzle-orm|pg$|better-auth$|next\/headers$|next-intl\/server$)/.test(s),
    why: 'server-only code',
  },
];

/** Files that say so themselves (`import 'server-only'`), e.g. the pages' request cache. */
const markedServerOnly = new Map();
function isMarkedServerOnly(alias) {
  if (!alias.startsWith('@/')) return false;
  if (!markedServerOnly.has(alias)) {
    const base = path.join(src, alias.slice(2));
    const file = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => existsSync(f));
    markedServerOnly.set(alias, !!file && /^import ['"]server-only['"];?$/m.test(readFileSync(file, 'utf8')));
  }
  return markedServerOnly.get(alias);
}

/**
 * A client component ('use client') is bundled for the browser: it may import zod schemas,
 * lib helpers and UI, and types from anywhere, but no server code — it would either break the
 * build or ship the server's internals to every visitor. Relative paths are resolved first.
 */
const clientImports = {
  meta: { type: 'problem', schema: [], messages: { serverOnly: "A client component runs in the browser: '{{source}}' is {{why}}." } },
  create(context) {
    let client = false;
    const check = (node) => {
      if (!client || !node.source || node.importKind === 'type' || node.exportKind === 'type') return;
      const specifiers = node.specifiers ?? [];
      if (specifiers.length > 0 && specifiers.every((sp) => sp.importKind === 'type' || sp.exportKind === 'type')) return;
      let source = String(node.source.value);
      if (source.startsWith('.')) {
        const full = path.resolve(path.dirname(context.filename), source);
        if (full.startsWith(src + path.sep)) source = `@/${path.relative(src, full).split(path.sep).join('/').replace(/\.(ts|tsx)$/, '')}`;
      }
      const why = serverOnly.find((r) => r.test(source))?.why ?? (isMarkedServerOnly(source) ? "marked import 'server-only'" : null);
      if (why) context.report({ node: node.source, messageId: 'serverOnly', data: { source, why } });
    };
    return {
      Program(node) {
        client = node.body.some((statement) => statement.type === 'ExpressionStatement' && statement.directive === 'use client');
      },
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

export default tseslint.config(
  { ignores: ['.next/**', 'dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'next-env.d.ts', 'bench/results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/lib/env.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through env() from @/lib/env.' },
        // Hono's `c.var` builds a new object of every context variable on each access (a
        // visible share of a request's CPU, docs/performance.md "Fourth pass"); `c.get(name)` reads one.
        { selector: "MemberExpression[object.name='c'][property.name='var']", message: "Read a context variable with c.get('name'): c.var copies them all on every access." },
      ],
    },
  },
  {
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': restrict(
        noParentRelative,
        layer('lib has no domain knowledge: it imports nothing from other layers.', ['@/db/*', '@/db', '@/modules/*', '@/seed', '@/seed/*', '@/api/*', '@/app/*', '@/ui/*', '@/boot', '@/server']),
      ),
    },
  },
  {
    files: ['src/db/**'],
    rules: {
      'no-restricted-imports': restrict(
        noParentRelative,
        layer('db sits below modules: it may import only lib and itself.', ['@/modules/*', '@/seed', '@/seed/*', '@/api/*', '@/app/*', '@/ui/*', '@/boot', '@/server']),
      ),
    },
  },
  {
    files: ['src/seed/**'],
    rules: {
      'no-restricted-imports': restrict(
        noParentRelative,
        noDeepModules,
        layer('The seed uses modules (through their index), db and lib, never the transport, pages or UI.', ['@/api/*', '@/app/*', '@/ui/*', '@/boot', '@/server']),
      ),
    },
  },
  {
    files: ['src/modules/**'],
    rules: {
      'no-restricted-imports': restrict(
        noParentRelative,
        noDeepModules,
        layer('Modules are transport-free: no HTTP layer, pages or UI.', ['@/api/*', '@/app/*', '@/ui/*', '@/boot', '@/server', 'hono', 'hono/*', 'next', 'next/*']),
        layer('The seed sits above the modules (it calls their use cases): a module never imports it.', ['@/seed', '@/seed/*']),
      ),
    },
  },
  {
    // The contract files run in the browser as well: zod, luxon, plain data and client-safe lib only.
    files: ['src/modules/*/schemas.ts'],
    rules: {
      'no-restricted-imports': restrict(
        noParentRelative,
        { regex: '^@/modules/[^/]+(/(?!schemas$).*)?$', message: "schemas.ts is loaded by the browser too: import other modules' schemas.ts only, never their index." },
        { regex: '^@/db(/(?!enums$).*)?$', message: 'schemas.ts is loaded by the browser too: from db only the plain enums (@/db/enums).' },
        layer('schemas.ts is loaded by the browser too: no server-only code.', ['node:*', '@/lib/env', '@/lib/logger', '@/lib/crypto', '@/lib/secrets', '@/lib/errors', 'drizzle-orm', 'drizzle-orm/*', 'pg', 'better-auth', 'better-auth/*']),
      ),
    },
  },
  {
    files: ['src/api/**'],
    rules: {
      'no-restricted-imports': restrict(
        noParentRelative,
        noDeepModules,
        layer('The API reaches data through modules (only the Database handle type comes from @/db/client).', ['@/db/schema', '@/db/schema/*', '@/db/tenant', '@/db/migrate', '@/seed', '@/seed/*']),
        layer('The API does not import pages or UI.', ['@/app/*', '@/ui/*', '@/boot', '@/server']),
      ),
    },
  },
  {
    files: ['src/app/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // An exact path for the seed's index: as a pattern, '@/seed' would also cover (and
          // keep covering, whatever the negation) everything under it.
          paths: [{ name: '@/seed', message: seedInPages }],
          patterns: [
            ...noDeepModules,
            ...layer('Pages read through modules and write through /api/v1; they never import the API or raw tables.', ['@/api/*', '!@/api/contract', '@/db/schema', '@/db/schema/*', '@/db/tenant', '@/db/migrate', '@/boot', '@/server']),
            // The client's types come from the route declarations; no API code reaches a page.
            { group: ['@/api/contract'], allowTypeImports: true, message: 'Pages import only types from @/api/contract (the typed client is @/app/_lib/api).' },
            ...layer(seedInPages, ['@/seed/*', '!@/seed/demo-organizations']),
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { bookline: { rules: { 'client-imports': clientImports } } },
    rules: { 'bookline/client-imports': 'error' },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': restrict(layer('ui is presentational: React and @/lib only.', ['@/modules/*', '@/db/*', '@/db', '@/seed', '@/seed/*', '@/api/*', '@/app/*', '@/boot', '@/server'])),
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off' },
  },
);
