// Loaded with --import by bench/statements.ts into the server process: appends the text of
// every statement pg's Client sends to the file STATEMENT_LOG names (one line each).
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';

const file = process.env.STATEMENT_LOG;
if (file) {
  const pg = createRequire(`${process.cwd()}/`)('pg');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (text) appendFileSync(file, `${text.replace(/\s+/g, ' ').trim().slice(0, 400)}\n`);
    return query.call(this, config, ...rest);
  };
}
