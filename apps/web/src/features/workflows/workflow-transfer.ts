/**
 * Export downloads one JSON file holding the LangGraph project's files (`{files: {path: content}}`),
 * which import takes back as it is. A bare `{path: content}` map is accepted too.
 */
export function exportFileName(name: string, version: number): string {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'workflow';
  return `${base}.v${version}.langgraph.json`;
}

export type ParsedExport = { ok: true; files: Record<string, string> } | { ok: false; error: string };

export function parseExportFile(text: string): ParsedExport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not JSON. Pick a file the Export button saved.' };
  }
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  const files =
    record && typeof record.files === 'object' && record.files !== null
      ? (record.files as Record<string, unknown>)
      : record;
  if (!files || Object.keys(files).length === 0)
    return { ok: false, error: 'The file holds no project files.' };
  const bad = Object.entries(files).find(([, content]) => typeof content !== 'string');
  if (bad) return { ok: false, error: `“${bad[0]}” is not text.` };
  return { ok: true, files: files as Record<string, string> };
}
