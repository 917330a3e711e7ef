/** `/orgs/:orgId/prompts/a/b`: the name keeps its folders as path segments. */
export function promptPagePath(orgId: string, name: string, version?: number): string {
  const path = `/orgs/${orgId}/prompts/${name.split('/').map(encodeURIComponent).join('/')}`;
  return version ? `${path}?version=${version}` : path;
}
