/** Where to go after login: only same-origin app paths, never another site (open redirect). */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/signup')) return '/';
  return next;
}
