/**
 * The contract is checked by the compiler from the module's DTO schema to the page: rename a
 * field of the invitation DTO and the team page that reads it through the typed client no
 * longer compiles. Runs TypeScript on that page (and what it imports) twice: as it is, and
 * with the DTO field renamed in memory.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const page = path.join(root, 'src/app/dashboard/[slug]/team/invitations.tsx');
const schemas = path.join(root, 'src/modules/organizations/schemas.ts');

function diagnosticsFor(replace?: { file: string; from: string; to: string }) {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), { noEmit: true, incremental: false }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json did not parse');
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = read(file);
    if (replace && text !== undefined && path.resolve(file) === replace.file) {
      if (!text.includes(replace.from)) throw new Error(`${replace.file} no longer contains ${JSON.stringify(replace.from)}`);
      return text.replace(replace.from, replace.to);
    }
    return text;
  };
  const program = ts.createProgram({ rootNames: [page, path.join(root, 'next-env.d.ts')].filter((f) => ts.sys.fileExists(f)), options: config.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? path.relative(root, d.file.fileName) : '',
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

describe('the typed contract reaches the pages', () => {
  it('a page reading a DTO field through the client compiles as it is, and fails when the field is renamed', { timeout: 240_000 }, () => {
    expect(diagnosticsFor()).toEqual([]);
    const renamed = diagnosticsFor({ file: schemas, from: '    email: z.string(),\n    role: roleSchema,\n    status: z.enum(invitationStatuses),', to: '    emailAddress: z.string(),\n    role: roleSchema,\n    status: z.enum(invitationStatuses),' });
    const onPage = renamed.filter((d) => d.file === path.relative(root, page));
    expect(onPage.map((d) => d.text).join('\n')).toMatch(/Property 'email' does not exist/);
  });
});
