import { readFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { generateSchemaTypes } from '../src/generate.js';

describe('generated client', () => {
  it('src/schema.ts matches docs/openapi.json (run `npm run openapi` after changing routes)', async () => {
    const schemaFile = new URL('../src/schema.ts', import.meta.url);
    const document = JSON.parse(
      await readFile(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'),
    );
    const options = await resolveConfig(schemaFile.pathname);
    const expected = await format(await generateSchemaTypes(document), {
      ...options,
      filepath: schemaFile.pathname,
    });
    expect(await readFile(schemaFile, 'utf8')).toBe(expected);
  });
});
