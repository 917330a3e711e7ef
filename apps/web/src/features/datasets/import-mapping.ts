/**
 * The column-mapping step of a CSV upload: which column becomes `expected`, which are input
 * variables, and which are left out. Pure, so the dialog only renders what this decides.
 */

/** What an input variable may be called (the contract's DatasetInput keys). */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Headers people use for the reference answer, tried in this order (case-insensitive). */
const EXPECTED_GUESSES = ['expected', 'expected_output', 'reference', 'answer', 'target', 'label', 'output'];

export interface ColumnMapping {
  /** The column that becomes `expected`, or null for none. */
  expectedColumn: string | null;
  /** Columns left out of the items. */
  ignored: readonly string[];
}

export interface MappingProblem {
  column: string;
  message: string;
}

export interface MappedColumns {
  variables: string[];
  problems: MappingProblem[];
}

export function guessExpectedColumn(columns: readonly string[]): string | null {
  for (const guess of EXPECTED_GUESSES) {
    const found = columns.find((c) => c.trim().toLowerCase() === guess);
    if (found !== undefined) return found;
  }
  return null;
}

export function initialMapping(columns: readonly string[]): ColumnMapping {
  return { expectedColumn: guessExpectedColumn(columns), ignored: [] };
}

/**
 * The server's default `expectedColumn` is "expected": without a way to leave columns out, a
 * column of that name always becomes `expected`, so "no expected column" cannot be chosen then.
 */
export function canChooseNoExpected(columns: readonly string[], canIgnore: boolean): boolean {
  return canIgnore || !columns.includes('expected');
}

/** The variables a mapping produces, and what the server would refuse about it. */
export function mapColumns(columns: readonly string[], mapping: ColumnMapping): MappedColumns {
  const problems: MappingProblem[] = [];
  const seen = new Set<string>();
  const variables: string[] = [];
  for (const column of columns) {
    if (seen.has(column)) {
      problems.push({ column, message: `Column “${column}” appears twice in the header` });
      continue;
    }
    seen.add(column);
    if (column === mapping.expectedColumn || mapping.ignored.includes(column)) continue;
    if (!VARIABLE_NAME.test(column)) {
      problems.push({
        column,
        message:
          column === ''
            ? 'A column has no name; name it or leave it out'
            : `“${column}” is not a variable name (letters, digits and _, not starting with a digit)`,
      });
      continue;
    }
    variables.push(column);
  }
  if (variables.length === 0 && columns.length > 0)
    problems.push({ column: '', message: 'Keep at least one column as an input variable' });
  return { variables, problems };
}

/** "a_b c" → "a_b_c", "1st" → "_1st": a name the user can rename the header to. */
export function suggestVariableName(column: string): string {
  const cleaned = column
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (cleaned === '') return 'column';
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}
