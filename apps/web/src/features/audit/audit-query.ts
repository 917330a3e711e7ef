import type { AuditEvent } from '@promptops/contracts';
import type { FieldErrors } from '../../app/problem';

/** The filter form's values, as typed: dates are `datetime-local` strings in the viewer's zone. */
export interface AuditFilters {
  from: string;
  to: string;
  actorId: string;
  action: string;
  resourceType: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  from: '',
  to: '',
  actorId: '',
  action: '',
  resourceType: '',
};

export const AUDIT_PAGE_SIZE = 50;

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** `2025-01-31T14:05` (local time, as a datetime-local input gives it) → ISO 8601 in UTC, or null. */
export function localDateTimeToIso(value: string, endOfMinute = false): string | null {
  if (!LOCAL_DATETIME.test(value)) return null;
  // Without an offset, the Date constructor reads date-time strings as local time.
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  // A minute-precision "to" means "up to and including that minute".
  const hasSeconds = value.length > 16;
  if (endOfMinute && !hasSeconds) date.setSeconds(59, 999);
  return date.toISOString();
}

export function validateAuditFilters(filters: AuditFilters): FieldErrors {
  const errors: FieldErrors = {};
  const from = filters.from ? localDateTimeToIso(filters.from) : null;
  const to = filters.to ? localDateTimeToIso(filters.to, true) : null;
  if (filters.from && from === null) errors.from = 'Not a valid date and time';
  if (filters.to && to === null) errors.to = 'Not a valid date and time';
  if (from !== null && to !== null && from > to) errors.to = 'Must be after “From”';
  return errors;
}

export interface AuditQueryParams {
  from?: string;
  to?: string;
  actorId?: string;
  action?: string;
  resourceType?: string;
  cursor?: string;
  limit?: number;
}

/** The query parameters for the audit list and CSV export; empty filters are left out. */
export function auditQueryParams(
  filters: AuditFilters,
  page: { cursor?: string | null; limit?: number } = {},
): AuditQueryParams {
  const params: AuditQueryParams = {};
  const from = filters.from ? localDateTimeToIso(filters.from) : null;
  const to = filters.to ? localDateTimeToIso(filters.to, true) : null;
  if (from) params.from = from;
  if (to) params.to = to;
  for (const key of ['actorId', 'action', 'resourceType'] as const) {
    const value = filters[key].trim();
    if (value) params[key] = value;
  }
  if (page.cursor) params.cursor = page.cursor;
  if (page.limit !== undefined) params.limit = page.limit;
  return params;
}

export function hasActiveFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== '');
}

const ACTOR_TYPE_LABELS: Record<AuditEvent['actor']['type'], string> = {
  user: 'User',
  api_key: 'API key',
  system: 'System',
  anonymous: 'Anonymous',
};

/** Who did it, for the table: the email when known, else the id, else the kind of actor. */
export function formatActor(actor: AuditEvent['actor']): { label: string; kind: string } {
  const kind = ACTOR_TYPE_LABELS[actor.type];
  return { label: actor.email ?? actor.id ?? kind, kind };
}

/** Badge colour by what the action did: failures red, removals orange, creations green. */
export function actionColor(action: string): string {
  const verb = action.toLowerCase();
  if (/(fail|denied|reuse|reject|invalid|locked)/.test(verb)) return 'red';
  if (/(delete|remove|revoke|logout)/.test(verb)) return 'orange';
  if (/(create|add|signup|invite|join|accept|import)/.test(verb)) return 'teal';
  if (/(update|change|rename|move|role)/.test(verb)) return 'blue';
  return 'gray';
}

/** A one-line preview of an event's details; the full JSON is one click away. */
export function summarizeDetails(details: Record<string, unknown>, maxLength = 80): string {
  const parts = Object.entries(details).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `${key}: ${text}`;
  });
  const summary = parts.join(', ');
  return summary.length > maxLength ? `${summary.slice(0, maxLength - 1)}…` : summary;
}

/** First 8 characters of a UUID, enough to tell rows apart at a glance. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** The file name from a Content-Disposition header, or the fallback. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Malformed percent-encoding: fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

export function auditExportFileName(orgSlug: string, now: Date): string {
  return `audit-${orgSlug}-${now.toISOString().slice(0, 10)}.csv`;
}

export interface ActorOption {
  value: string;
  label: string;
}

/**
 * The actor filter's choices: members by name and email, then API keys by name. An id already
 * in the filter that matches none of them (a former member) stays selectable.
 */
export function actorOptions(
  members: readonly { userId: string; name: string; email: string }[],
  apiKeys: readonly { id: string; name: string; prefix: string }[],
  current: string,
): { group: string; items: ActorOption[] }[] {
  const people = [...members]
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email))
    .map((m) => ({ value: m.userId, label: `${m.name} <${m.email}>` }));
  const keys = [...apiKeys]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((k) => ({ value: k.id, label: `${k.name} (API key ${k.prefix}…)` }));
  const groups = [
    { group: 'Members', items: people },
    { group: 'API keys', items: keys },
  ];
  const known = [...people, ...keys].some((o) => o.value === current);
  if (current !== '' && !known) groups.push({ group: 'Other', items: [{ value: current, label: current }] });
  return groups.filter((g) => g.items.length > 0);
}
