// Writes docs/openapi.json from the running route definitions (`npm run openapi`).
// The platform tests fail when the committed file and the live spec differ.
import { writeFile } from 'node:fs/promises';
import { buildApp } from '../apps/server/src/app.js';
import { closeAppContext, createAppContext } from '../apps/server/src/bootstrap.js';
import { loadConfig } from '../apps/server/src/config.js';

const ctx = await createAppContext(
  loadConfig({ LOG_LEVEL: 'silent', PROMPTOPS_MASTER_KEY: Buffer.alloc(32).toString('base64') }),
  {
    embeddedLocation: 'memory://',
  },
);
const app = await buildApp(ctx, { logger: false });
await app.ready();
await writeFile(
  new URL('../docs/openapi.json', import.meta.url),
  `${JSON.stringify(app.swagger(), null, 2)}\n`,
);
await app.close();
await closeAppContext(ctx);
console.log('docs/openapi.json written');
