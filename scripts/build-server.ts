/**
 * Builds the one-process server (src/server.ts) to plain JavaScript, dist/server.js, so a
 * production start runs `node dist/server.js` instead of compiling TypeScript with tsx at
 * every start. One ESM bundle of our sources (the `@/` alias resolved from tsconfig.json);
 * packages stay external and load from node_modules as before.
 *
 * `import.meta.url` in each source file is replaced by that source file's own URL, so code
 * that finds files next to itself (the migrations folder, the repository root, the API
 * reference's assets) finds them where they are in the tree, not next to the bundle.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = path.join(root, 'dist', 'server.js');

const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
      };
    });
  },
};

export async function buildServer(): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src/server.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: true,
    logLevel: 'warning',
    plugins: [ownImportMetaUrl],
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const started = performance.now();
  await buildServer();
  process.stdout.write(`built ${path.relative(root, SERVER_BUNDLE)} in ${Math.round(performance.now() - started)} ms\n`);
}
