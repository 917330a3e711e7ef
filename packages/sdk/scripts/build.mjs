// Builds the publishable package into dist/: an ESM and a CJS bundle with everything it runs
// bundled in (@promptops/client, @promptops/templates, openapi-fetch: a CJS bundle requiring the
// ESM-first openapi-fetch would get its module object as the default export), and the type
// declarations, whose imports of workspace packages are rewritten to relative paths
// (openapi-fetch stays a dependency for its types: the typed client is built on them).
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
await rm(dist, { recursive: true, force: true });

const common = {
  entryPoints: [path.join(root, 'src/index.ts')],
  bundle: true,
  platform: 'neutral',
  target: 'es2022',
  // The workspace packages' TypeScript sources, not their (maybe unbuilt) dist.
  conditions: ['source'],
  mainFields: ['module', 'main'],
  sourcemap: true,
  logLevel: 'warning',
};
await build({ ...common, format: 'esm', outfile: path.join(dist, 'index.js') });
await build({ ...common, format: 'cjs', outfile: path.join(dist, 'index.cjs') });

const tsc = path.join(root, '../../node_modules/typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

// dist/types/<package>/src/… : point `@promptops/<package>` at the emitted sibling.
const types = path.join(dist, 'types');
for (const file of await walk(types)) {
  if (!file.endsWith('.d.ts')) continue;
  const text = await readFile(file, 'utf8');
  const rewritten = text.replace(
    /(from\s+|import\()(['"])@promptops\/([a-z-]+)\2/g,
    (_m, lead, quote, pkg) => {
      let target = path.relative(path.dirname(file), path.join(types, pkg, 'src/index.js'));
      if (!target.startsWith('.')) target = `./${target}`;
      return `${lead}${quote}${target}${quote}`;
    },
  );
  if (rewritten !== text) await writeFile(file, rewritten);
}

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}
