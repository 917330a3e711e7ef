import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, readCsvRecords } from './csv-parser.js';

function parse(text: string, chunkSizes: number[] = []) {
  const parser = new CsvParser();
  const records = [];
  let at = 0;
  for (const size of chunkSizes) {
    records.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  records.push(...parser.push(text.slice(at)));
  records.push(...parser.end());
  return records;
}

function syntaxError(text: string): CsvSyntaxError {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return err;
    throw err;
  }
  throw new Error('expected a CSV syntax error');
}

const quote = (v: string) => (/[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);

describe('CSV parser', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers lines', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line one\nline two",\n3,,"" \n';
    expect(() => parse(text)).toThrow(CsvSyntaxError);
    const good = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line one\r\nline two",\n3,,""\n';
    expect(parse(good)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'line one\r\nline two', ''] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends, skips blank lines, and needs no final line break', () => {
    expect(parse('a\r\n\r\nb\rc\n\nd')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 3, fields: ['b'] },
      { line: 4, fields: ['c'] },
      { line: 6, fields: ['d'] },
    ]);
    expect(parse('""\n')).toEqual([{ line: 1, fields: [''] }]);
    expect(parse('a,\n')).toEqual([{ line: 1, fields: ['a', ''] }]);
    expect(parse('')).toEqual([]);
  });

  it('names the line of an unterminated quote, a stray quote and text after a closing quote', () => {
    expect(syntaxError('a,b\n1,2\n3,"open\nstill open\n').line).toBe(3);
    expect(syntaxError('a,b\n1,2\n3,"open\nstill open\n').message).toMatch(/unterminated/);
    expect(syntaxError('a,b\n1,x"y\n').line).toBe(2);
    expect(syntaxError('a,b\n"1\n2"x,3\n').line).toBe(3);
  });

  it('gives the same records whatever the chunk boundaries (property)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'é', '😀', ',', '"', '\n', '\r', ' '),
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 30 }),
        (rows, eol, cuts) => {
          const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
          const records = parse(text, cuts);
          expect(records.map((r) => r.fields)).toEqual(rows);
          // Each record starts on the line after the previous one's line breaks.
          let line = 1;
          records.forEach((r, k) => {
            expect(r.line).toBe(line);
            for (const v of rows[k]!) line += v.replace(/\r\n/g, '\n').split(/[\r\n]/).length - 1;
            line += 1;
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes UTF-8 split across chunks, drops a BOM and refuses invalid bytes', async () => {
    const bytes = Buffer.from('\uFEFFname,city\n"Zoë","Kraków 😀"\n', 'utf8');
    async function* oneByteAtATime(b: Uint8Array) {
      for (let k = 0; k < b.length; k++) yield b.subarray(k, k + 1);
    }
    const records = [];
    for await (const r of readCsvRecords(oneByteAtATime(bytes))) records.push(r);
    expect(records).toEqual([
      { line: 1, fields: ['name', 'city'] },
      { line: 2, fields: ['Zoë', 'Kraków 😀'] },
    ]);
    async function* bad() {
      yield Buffer.from('a\nb\n');
      yield Buffer.from([0xc3, 0x28, 0x0a]);
    }
    await expect(async () => {
      for await (const _ of readCsvRecords(bad())) void _;
    }).rejects.toMatchObject({ line: 3, message: 'The file is not valid UTF-8 text' });
  });
});
