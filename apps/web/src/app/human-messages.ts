/**
 * Validation messages people read: zod's defaults ("Too small: expected string to have >=1
 * characters") become "Name is required"; messages written for people pass through unchanged.
 */

const KNOWN_LABELS: Record<string, string> = {
  inputPricePerMTok: 'Input price',
  outputPricePerMTok: 'Output price',
  topP: 'Top P',
  apiKey: 'API key',
  modelId: 'Model',
  providerId: 'Provider',
};

/** "organizationName" → "Organization name", "baseUrl" → "Base URL". */
export function fieldLabel(field: string): string {
  const known = KNOWN_LABELS[field];
  if (known) return known;
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((w) => (['url', 'id', 'api'].includes(w) ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text === '' ? 'This field' : text.charAt(0).toUpperCase() + text.slice(1);
}

const RULES: { pattern: RegExp; message: (label: string, m: RegExpExecArray) => string }[] = [
  {
    pattern: /^Too small: expected string to have >=?(\d+) characters?$/i,
    message: (label, m) =>
      m[1] === '1' ? `${label} is required` : `${label} must have at least ${m[1]} characters`,
  },
  {
    pattern: /^Too big: expected string to have <=?(\d+) characters?$/i,
    message: (label, m) => `${label} must have at most ${m[1]} characters`,
  },
  {
    pattern: /^Too small: expected (?:number|int) to be >=?(-?[\d.]+)$/i,
    message: (label, m) => `${label} must be at least ${m[1]}`,
  },
  {
    pattern: /^Too big: expected (?:number|int) to be <=?(-?[\d.]+)$/i,
    message: (label, m) => `${label} must be at most ${m[1]}`,
  },
  {
    pattern: /^Too small: expected array to have >=?(\d+) items?$/i,
    message: (label, m) => `${label} needs at least ${m[1]}`,
  },
  {
    pattern: /^Invalid input: expected \w+, received (undefined|null)$/i,
    message: (label) => `${label} is required`,
  },
  { pattern: /^Invalid email( address)?$/i, message: () => 'Enter a valid email address' },
  { pattern: /^Invalid URL$/i, message: () => 'Enter a full URL, like https://example.com' },
  { pattern: /^Invalid UUID$/i, message: (label) => `${label} is not a valid id` },
  {
    pattern: /^Invalid option: expected one of (.+)$/i,
    message: (label, m) => `${label} must be one of ${m[1]!.replace(/"/g, '').replace(/\|/g, ', ')}`,
  },
  { pattern: /^Invalid (input|string|number)$/i, message: (label) => `${label} is not valid` },
];

export function humanMessage(field: string, message: string): string {
  const label = fieldLabel(field);
  for (const rule of RULES) {
    const match = rule.pattern.exec(message.trim());
    if (match) return rule.message(label, match);
  }
  return message;
}

/** "15 minutes", "1 minute", "30 seconds". */
export function describeWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return whole === 1 ? '1 second' : `${whole} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
