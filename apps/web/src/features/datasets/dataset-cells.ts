import type { DatasetItem } from '@promptops/contracts';

export type CellValue = DatasetItem['input'][string];

/**
 * The input variables of a page of items, as table columns, in alphabetical order: the server
 * stores inputs as jsonb, which keeps no key order, so the file's column order is not known.
 */
export function itemColumns(items: readonly Pick<DatasetItem, 'input'>[]): string[] {
  const seen = new Set<string>();
  for (const item of items) for (const key of Object.keys(item.input)) seen.add(key);
  return [...seen].sort((a, b) => a.localeCompare(b));
}

/** A cell as text; `undefined` (an item without this variable) and null show as empty. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * The value an edited cell stores. A cell keeps its kind: a number stays a number when the new
 * text is one, a boolean stays a boolean for true/false; text stays text (so "007" is not 7).
 * An emptied cell that held null or nothing stays null.
 */
export function parseCellEdit(original: CellValue | undefined, text: string): CellValue {
  const trimmed = text.trim();
  if (typeof original === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed)))
    return Number(trimmed);
  if (typeof original === 'boolean' && /^(true|false)$/i.test(trimmed))
    return trimmed.toLowerCase() === 'true';
  if ((original === null || original === undefined) && text === '') return null;
  return text;
}

/** The item's input after one cell changed (PATCH sends the whole input). */
export function withCell(
  input: DatasetItem['input'],
  column: string,
  value: CellValue,
): DatasetItem['input'] {
  return { ...input, [column]: value };
}

/** Whether an edit changes anything (no request for an unchanged cell). */
export function cellChanged(original: CellValue | undefined, next: CellValue): boolean {
  if (original === undefined) return next !== null;
  return original !== next;
}
