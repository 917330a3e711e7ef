import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/** The published shape: built ESM and CJS bundles and declarations, loaded the way users load them. */
const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp');
const EXPORTS = [
  'ApiError',
  'AuthenticationError',
  'NetworkError',
  'NotFoundError',
  'PermissionDeniedError',
  'PromptOps',
  'PromptOpsError',
  'RateLimitError',
  'RenderError',
  'RunStream',
  'createClient',
  'parseSse',
  'render',
  'unwrap',
];

function node(file: string): string {
  // Without the `source` condition, as a user's Node resolves the package.
  return execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
}, 120_000);

describe('the built package', () => {
  it('has no Node-only imports in what runs in browsers, Deno and Bun', async () => {
    for (const file of ['dist/index.js', 'dist/index.cjs']) {
      const code = await readFile(path.join(root, file), 'utf8');
      expect(code).not.toMatch(/["']node:/);
      expect(code).not.toMatch(/@promptops\//);
    }
  });

  it('has declarations that name no workspace package (those are not published)', async () => {
    const files = (await readdir(path.join(root, 'dist/types'), { recursive: true })).filter((f) =>
      f.endsWith('.d.ts'),
    );
    expect(files).toEqual(expect.arrayContaining(['sdk/src/index.d.ts', 'client/src/index.d.ts']));
    for (const file of files) {
      const text = await readFile(path.join(root, 'dist/types', file), 'utf8');
      expect(text, file).not.toMatch(/from ['"]@promptops\//);
    }
  });

  it('loads as ESM and renders with the bundled template engine', async () => {
    const mod = (await import(pathToFileURL(path.join(root, 'dist/index.js')).href)) as Record<string, any>;
    expect(Object.keys(mod).sort()).toEqual(expect.arrayContaining(EXPORTS));
    const rendered = mod.render(
      { fallback: true, template: 'Hi {{who}}', messages: null, variables: [] },
      { who: 'Ada' },
    );
    expect(rendered.text).toBe('Hi Ada');
    expect(new mod.NotFoundError({ type: 'about:blank', title: 'Not Found', status: 404 })).toBeInstanceOf(
      mod.PromptOpsError,
    );
  });

  it('loads with require() from a .cjs file through the exports map, and by import() by name', async () => {
    const cjs = path.join(tmp, 'check.cjs');
    await writeFile(
      cjs,
      `const sdk = require('@promptops/sdk');
const client = new sdk.PromptOps({ baseUrl: 'http://127.0.0.1:1', apiKey: 'po_x', orgId: 'o', cache: false });
console.log(JSON.stringify({ keys: Object.keys(sdk).sort(), file: require.resolve('@promptops/sdk'),
  api: typeof client.api.GET, rateLimit: new sdk.RateLimitError({ title: 'x', status: 429 }, 1000) instanceof sdk.ApiError }));`,
    );
    const fromCjs = JSON.parse(node(cjs));
    expect(fromCjs.keys).toEqual(expect.arrayContaining(EXPORTS));
    expect(fromCjs.file).toBe(path.join(root, 'dist/index.cjs'));
    expect(fromCjs.api).toBe('function');
    expect(fromCjs.rateLimit).toBe(true);

    const mjs = path.join(tmp, 'check.mjs');
    await writeFile(
      mjs,
      `const sdk = await import('@promptops/sdk');
console.log(JSON.stringify({ keys: Object.keys(sdk).sort(), file: import.meta.resolve('@promptops/sdk') }));`,
    );
    const fromEsm = JSON.parse(node(mjs));
    expect(fromEsm.keys).toEqual(expect.arrayContaining(EXPORTS));
    expect(fromEsm.file).toBe(pathToFileURL(path.join(root, 'dist/index.js')).href);
  });

  it('ships declarations an ESM or CommonJS TypeScript project can compile against, without the monorepo', async () => {
    const consumer = path.join(tmp, 'consumer.mts');
    await writeFile(
      consumer,
      `import { PromptOps, NotFoundError, type Prompt, type RunEvent } from '@promptops/sdk';
const sdk = new PromptOps({ baseUrl: 'http://localhost:3000', apiKey: 'po_x', cache: { ttlMs: 1000 } });
const prompt: Prompt = await sdk.getPrompt('support/greeting', { label: 'production', fallback: 'Hi {{name}}' });
const version: number | null = prompt.version;
const rendered = sdk.render(prompt, { name: 'Ada' });
const first: string = rendered.messages[0]!.content;
for await (const event of sdk.run({ prompt, variables: {}, stream: true })) {
  const e: RunEvent = event;
  if (e.type === 'delta') console.log(e.text);
}
const orgId = await sdk.orgId();
const res = await sdk.api.GET('/api/v1/orgs/{orgId}/prompts', { params: { path: { orgId } } });
const names: string[] = res.data?.items.map((p) => p.name) ?? [];
console.log(version, first, names, NotFoundError.name);
`,
    );
    await writeFile(
      path.join(tmp, 'consumer.cts'),
      `import sdk = require('@promptops/sdk');
const client = new sdk.PromptOps({ baseUrl: 'http://localhost:3000', apiKey: 'po_x' });
const prompt: Promise<sdk.Prompt> = client.getPrompt('a');
console.log(prompt);
`,
    );
    await writeFile(
      path.join(tmp, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
        },
        files: ['consumer.mts', 'consumer.cts'],
      }),
    );
    const tsc = path.join(root, '../../node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', tmp], { cwd: tmp, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 60_000);

  it('declares types, import and require in its exports map and publishes only dist', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.exports['.'])).toEqual(['source', 'types', 'import', 'require']);
    expect(pkg.files).toEqual(['dist', 'README.md']);
    expect(pkg.sideEffects).toBe(false);
  });
});
