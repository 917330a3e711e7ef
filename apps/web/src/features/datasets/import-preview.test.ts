import { describe, expect, it } from 'vitest';
import { detectImportFormat, previewCsv, previewImport, previewJsonl } from './import-preview';

describe('CSV preview', () => {
  it('reads the header and rows, with quoted commas, doubled quotes and line breaks', () => {
    const text = '\uFEFFquestion,context,expected\r\n"a, b","say ""hi""","line 1\nline 2"\r\nq2,,x\r\n';
    const preview = previewCsv(text);
    expect(preview.columns).toEqual(['question', 'context', 'expected']);
    expect(preview.rows).toEqual([
      ['a, b', 'say "hi"', 'line 1\nline 2'],
      ['q2', '', 'x'],
    ]);
    expect(preview.truncated).toBe(false);
    expect(preview.error).toBeNull();
  });

  it('keeps an empty quoted field and a last row without a line break', () => {
    expect(previewCsv('a,b\n"",1').rows).toEqual([['', '1']]);
  });

  it('skips blank lines between rows', () => {
    expect(previewCsv('a\n1\n\n2\n').rows).toEqual([['1'], ['2']]);
  });

  it('stops after maxRows and says more follow', () => {
    const preview = previewCsv('a\n1\n2\n3\n', 2);
    expect(preview.rows).toEqual([['1'], ['2']]);
    expect(preview.truncated).toBe(true);
  });

  it('names the line and column of an unclosed quote', () => {
    const preview = previewCsv('a,b\n1,"open\n');
    expect(preview.error).toEqual({ line: 2, column: 3, message: 'A quoted field is never closed' });
  });

  it('refuses text after a closing quote', () => {
    expect(previewCsv('a,b\n"x"y,1\n').error).toMatchObject({ line: 2, column: 4 });
  });

  it('names the row whose field count differs from the header, counting lines inside quotes', () => {
    const preview = previewCsv('a,b\n"1\n2",3\n4\n');
    expect(preview.rows).toEqual([['1\n2', '3']]);
    expect(preview.error).toMatchObject({ line: 4, column: 2 });
    expect(preview.error?.message).toContain('1 field;');
  });

  it('does not judge the cut-off end of a partial read', () => {
    const preview = previewImport('csv', 'a,b\n1,2\n3,"unfinish', { partial: true });
    expect(preview.rows).toEqual([['1', '2']]);
    expect(preview.error).toBeNull();
    expect(preview.truncated).toBe(true);
  });
});

describe('JSONL preview', () => {
  it('makes columns of the input variables, then expected', () => {
    const text = '{"input":{"q":"a","n":2},"expected":"x"}\n\n{"input":{"q":"b","flag":true}}\n';
    const preview = previewJsonl(text);
    expect(preview.columns).toEqual(['q', 'n', 'flag', 'expected']);
    expect(preview.rows).toEqual([
      ['a', '2', '', 'x'],
      ['b', '', 'true', ''],
    ]);
  });

  it('shows null as null', () => {
    expect(previewJsonl('{"input":{"q":null},"expected":null}').rows).toEqual([[null, null]]);
  });

  it('names the line of bad JSON and of a line without input', () => {
    expect(previewJsonl('{"input":{}}\n{oops}').error).toMatchObject({ line: 2, message: 'Not valid JSON' });
    expect(previewJsonl('{"input":{}}\n[1]').error).toMatchObject({ line: 2, column: 1 });
  });

  it('names lines whose values the server would refuse', () => {
    expect(
      previewJsonl('{"input":{"q":"a"},"expected":"x"}\n{"input":{"q":"b"},"expected":5}').error,
    ).toEqual({
      line: 2,
      column: 1,
      message: '"expected" must be text or null',
    });
    expect(previewJsonl('{"input":{"q":{"nested":1}}}').error?.message).toContain('Input "q"');
  });

  it('drops the cut-off last line of a partial read', () => {
    const preview = previewImport('jsonl', '{"input":{"q":1}}\n{"input":', { partial: true });
    expect(preview.rows).toEqual([['1']]);
    expect(preview.error).toBeNull();
    expect(preview.truncated).toBe(true);
  });
});

describe('format detection', () => {
  it('uses the file name, then the content', () => {
    expect(detectImportFormat('data.JSONL', 'a,b')).toBe('jsonl');
    expect(detectImportFormat('data.csv', '{"input":{}}')).toBe('csv');
    expect(detectImportFormat('data.txt', '\uFEFF {"input":{}}')).toBe('jsonl');
    expect(detectImportFormat('data', 'a,b')).toBe('csv');
  });
});
