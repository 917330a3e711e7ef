/**
 * The run form: one field per input the start node declares; without declared inputs, a JSON
 * object. Values typed as JSON (numbers, booleans, objects) are sent as such; anything else as text.
 */
export function declaredInputs(startConfig: Record<string, unknown> | undefined): string[] {
  const inputs = startConfig?.inputs;
  if (!Array.isArray(inputs)) return [];
  return [...new Set(inputs.filter((i): i is string => typeof i === 'string' && i.trim() !== ''))];
}

function parseValue(text: string): unknown {
  const trimmed = text.trim();
  // Only unambiguous JSON literals: `007` or `hello` stay text.
  if (/^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(trimmed) || /^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The input object from the per-field form. */
export function inputFromFields(
  names: readonly string[],
  values: Record<string, string>,
): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, parseValue(values[name] ?? '')]));
}

export type ParsedInput = { ok: true; input: Record<string, unknown> } | { ok: false; error: string };

/** The input object from the JSON fallback. */
export function inputFromJson(text: string): ParsedInput {
  if (text.trim() === '') return { ok: true, input: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'The input must be a JSON object, like {"question": "…"}' };
  }
  return { ok: true, input: value as Record<string, unknown> };
}

/** Form values from a past run's input ("re-run with this input"): text as is, the rest as JSON. */
export function fieldsFromInput(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}
