import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api-client';

export function useOverview(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['orgs', orgId, 'overview'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/overview', { params: { path: { orgId } }, signal })),
    enabled,
  });
}

/** "12.5 %" with one decimal under 10 %, whole percent above; "0 %" without runs. */
export function formatRate(rate: number): string {
  const percent = rate * 100;
  if (percent === 0) return '0 %';
  if (percent < 10) return `${Number(percent.toFixed(1))} %`;
  return `${Math.round(percent)} %`;
}

/** "December 2026" for the month the overview covers. */
export function monthLabel(fromIso: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(fromIso),
  );
}
