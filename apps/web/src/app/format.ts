const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A timestamp in the viewer's time zone; '—' for none, the raw text if it isn't a date. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  const date = parse(iso);
  if (date === null) return iso ?? '—';
  return (withSeconds ? dateTimeSeconds : dateTime).format(date);
}

export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  if (date === null) return iso ?? '—';
  return dateOnly.format(date);
}
