export type TransferFormat = 'json' | 'yaml';

/** YAML or JSON, from the file name when it says, else from the content. */
export function detectTransferFormat(text: string, fileName?: string): TransferFormat {
  const lower = fileName?.toLowerCase() ?? '';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

export function transferContentType(format: TransferFormat): string {
  return format === 'json' ? 'application/json' : 'application/yaml';
}

/** `support/email/reply` → `support-email-reply.prompt.yaml`; all prompts → `prompts.json`. */
export function exportFileName(name: string | null, format: TransferFormat): string {
  const base = name === null ? 'prompts' : `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.prompt`;
  return `${base}.${format}`;
}
