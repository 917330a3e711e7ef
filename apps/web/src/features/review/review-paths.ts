import type { ReviewStatus } from '@promptops/contracts';
import { orgPath } from '../../app/navigation';

/** `/orgs/:orgId/compare/a/b?from=1&to=3`: the prompt name keeps its folders as path segments. */
export function comparePath(orgId: string, name: string, from: number, to: number): string {
  const path = orgPath(orgId, `compare/${name.split('/').map(encodeURIComponent).join('/')}`);
  return `${path}?${new URLSearchParams({ from: String(from), to: String(to) })}`;
}

export function reviewsPath(orgId: string, status?: ReviewStatus): string {
  const path = orgPath(orgId, 'reviews');
  return status && status !== 'open' ? `${path}?status=${status}` : path;
}

export function reviewPath(orgId: string, id: string): string {
  return orgPath(orgId, `reviews/${id}`);
}

export function reviewSettingsPath(orgId: string): string {
  return orgPath(orgId, 'reviews/settings');
}
