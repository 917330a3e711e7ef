import { describe, expect, it } from 'vitest';
import { canChooseNoExpected, guessExpectedColumn, mapColumns, suggestVariableName } from './import-mapping';

describe('column mapping', () => {
  it('guesses the expected column from common names', () => {
    expect(guessExpectedColumn(['question', 'Answer'])).toBe('Answer');
    expect(guessExpectedColumn(['q', 'expected', 'answer'])).toBe('expected');
    expect(guessExpectedColumn(['q', 'r'])).toBeNull();
  });

  it('makes the other columns variables and leaves out ignored ones', () => {
    expect(
      mapColumns(['q', 'ctx', 'expected', 'id'], { expectedColumn: 'expected', ignored: ['id'] }),
    ).toEqual({
      variables: ['q', 'ctx'],
      problems: [],
    });
  });

  it('reports names the server refuses, duplicates and a mapping without variables', () => {
    const { variables, problems } = mapColumns(['my question', 'q', 'q', '', '2x'], {
      expectedColumn: null,
      ignored: [],
    });
    expect(variables).toEqual(['q']);
    expect(problems.map((p) => p.column)).toEqual(['my question', 'q', '', '2x']);
    expect(mapColumns(['expected'], { expectedColumn: 'expected', ignored: [] }).problems).toEqual([
      { column: '', message: 'Keep at least one column as an input variable' },
    ]);
  });

  it('allows no expected column only when no column is called expected, unless columns can be left out', () => {
    expect(canChooseNoExpected(['q', 'expected'], false)).toBe(false);
    expect(canChooseNoExpected(['q', 'expected'], true)).toBe(true);
    expect(canChooseNoExpected(['q', 'a'], false)).toBe(true);
  });

  it('suggests a variable name for a header', () => {
    expect(suggestVariableName('my question?')).toBe('my_question');
    expect(suggestVariableName('1st')).toBe('_1st');
    expect(suggestVariableName('***')).toBe('column');
  });
});
