import { orgPath } from '../../app/navigation';

/** `/orgs/:orgId/workflows/a/b`: a name keeps its folders as path segments, like prompts. */
export function workflowPath(orgId: string, name: string, version?: number): string {
  const path = orgPath(orgId, `workflows/${name.split('/').map(encodeURIComponent).join('/')}`);
  return version ? `${path}?version=${version}` : path;
}

/** The workflow name in the editor's splat route (`workflows/*`). */
export function workflowNameFromSplat(splat: string | undefined): string {
  return (splat ?? '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s))
    .join('/');
}

/** The API path segment of a name: its slashes are encoded, the server decodes them. */
export function workflowApiName(name: string): string {
  return encodeURIComponent(name);
}
