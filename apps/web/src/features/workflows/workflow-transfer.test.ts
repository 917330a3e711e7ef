import { describe, expect, it } from 'vitest';
import { exportFileName, parseExportFile } from './workflow-transfer';

describe('workflow export files', () => {
  it('names the download after the workflow and version', () => {
    expect(exportFileName('support/triage', 3)).toBe('support-triage.v3.langgraph.json');
    expect(exportFileName('///', 1)).toBe('workflow.v1.langgraph.json');
  });

  it('reads back an export, or a bare file map', () => {
    const files = { 'langgraph.json': '{}', 'src/graph.ts': 'export {}' };
    expect(parseExportFile(JSON.stringify({ files }))).toEqual({ ok: true, files });
    expect(parseExportFile(JSON.stringify(files))).toEqual({ ok: true, files });
  });

  it('says what is wrong with other files', () => {
    expect(parseExportFile('nope')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(parseExportFile('{"files": {}}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no project files'),
    });
    expect(parseExportFile('{"files": {"a.ts": 3}}')).toMatchObject({
      ok: false,
      error: '“a.ts” is not text.',
    });
    expect(parseExportFile('[1]')).toMatchObject({ ok: false });
  });
});
