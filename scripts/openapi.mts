// Writes docs/openapi.json from the running route definitions and the typed client's schema
// from it (`npm run openapi`). Tests fail when the committed files and the live spec differ.
import { writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { buildApp } from '../apps/server/src/app.js';
import { closeAppContext, createAppContext } from '../apps/server/src/bootstrap.js';
import { loadConfig } from '../apps/server/src/config.js';
import { generateSchemaTypes } from '../packages/client/src/generate.js';

const ctx = await createAppContext(
  loadConfig({ LOG_LEVEL: 'silent', PROMPTOPS_MASTER_KEY: Buffer.alloc(32).toString('base64') }),
  {
    embeddedLocation: 'memory://',
  },
);
const app = await buildApp(ctx, { logger: false });
await app.ready();
const document = app.swagger();
await writeFile(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
await app.close();
await closeAppContext(ctx);
console.log('docs/openapi.json written');

const schemaFile = new URL('../packages/client/src/schema.ts', import.meta.url);
await writeFile(schemaFile, await generateSchemaTypes(document));
// Formatted like the rest of the repository, so the drift test compares like with like.
execFileSync('npx', ['prettier', '--write', schemaFile.pathname], { stdio: 'ignore' });
console.log('packages/client/src/schema.ts written');
