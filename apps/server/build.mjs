// Bundles the server into dist/main.js. Workspace packages (@promptops/*) are compiled in from
// their TypeScript source; npm dependencies stay external and load from node_modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const metrics = JSON.parse(
  readFileSync(new URL('../../packages/metrics/package.json', import.meta.url), 'utf8'),
);
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(metrics.dependencies ?? {})].flatMap(
  (d) => [d, `${d}/*`],
);

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  conditions: ['source'],
  external,
  logLevel: 'warning',
});
