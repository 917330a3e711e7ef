import { ApiError, unwrap, type Schemas } from '@promptops/client';
import type { Connection } from './connection.js';
import { EXIT, toCliError, type ExitCode } from './errors.js';
import type { Output } from './output.js';

// A review as both the open and the list routes return it.
type Review = Omit<Schemas['Review'], 'activity'>;

const reviewUrl = (conn: Connection, review: Review) =>
  `${conn.baseUrl}/orgs/${conn.orgId}/reviews/${review.id}`;

/**
 * Points a label at a version. A protected label moves only through an approved review: the
 * server answers 409 "Review Required", and a review is opened instead (a success: the change
 * is on its way, and CI should not fail for following the rules).
 */
export async function promotePrompt(
  conn: Connection,
  input: { name: string; version: number; label: string; message?: string | undefined },
  out: Output,
): Promise<ExitCode> {
  const path = { orgId: conn.orgId, name: input.name, label: input.label };
  try {
    const moved = await unwrap(
      conn.client.PUT('/api/v1/orgs/{orgId}/prompts/{name}/labels/{label}', {
        params: { path },
        body: { version: input.version },
      }),
    );
    out.line(
      moved.previousVersion === moved.version
        ? `${input.name}: ${input.label} already points at version ${moved.version}.`
        : `${input.name}: ${input.label} moved to version ${moved.version} (was ${moved.previousVersion ?? 'unset'}).`,
    );
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 409 && err.problem.title === 'Review Required'))
      throw toCliError(err, `Moving ${input.label} of ${input.name}`);
  }
  const review = await openReview(conn, input);
  if (review === 'unchanged') {
    out.line(`${input.name}: ${input.label} already points at version ${input.version}.`);
    return EXIT.ok;
  }
  out.line(
    `${input.name}: "${input.label}" is a protected label, so a review ${review.opened ? 'was opened' : 'is already open'} ` +
      `for version ${review.review.version} → ${input.label} (review ${review.review.id}, needs ${review.review.requiredApprovals} approval(s)).`,
  );
  out.line(`Review: ${reviewUrl(conn, review.review)}`);
  return EXIT.ok;
}

async function openReview(
  conn: Connection,
  input: { name: string; version: number; label: string; message?: string | undefined },
): Promise<{ review: Review; opened: boolean } | 'unchanged'> {
  const doing = `Opening a review of ${input.name} version ${input.version} → ${input.label}`;
  try {
    const review = await unwrap(
      conn.client.POST('/api/v1/orgs/{orgId}/prompts/{name}/reviews', {
        params: { path: { orgId: conn.orgId, name: input.name } },
        body: {
          version: input.version,
          label: input.label,
          ...(input.message ? { description: input.message } : {}),
        },
      }),
    );
    return { review, opened: true };
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 409)) throw toCliError(err, doing);
    // Promoting twice (a re-run CI job) finds the review the first run opened.
    const existing = await findOpenReview(conn, input);
    if (existing) return { review: existing, opened: false };
    if (await labelPointsAt(conn, input)) return 'unchanged';
    throw toCliError(err, doing);
  }
}

async function findOpenReview(
  conn: Connection,
  input: { name: string; version: number; label: string },
): Promise<Review | undefined> {
  const { items } = await unwrap(
    conn.client.GET('/api/v1/orgs/{orgId}/reviews', {
      params: { path: { orgId: conn.orgId }, query: { promptName: input.name, status: 'open', limit: 100 } },
    }),
  );
  return items.find((r) => r.label === input.label && r.version === input.version);
}

async function labelPointsAt(
  conn: Connection,
  input: { name: string; version: number; label: string },
): Promise<boolean> {
  const res = await conn.client.GET('/api/v1/orgs/{orgId}/prompts/{name}', {
    params: { path: { orgId: conn.orgId, name: input.name }, query: { label: input.label } },
  });
  return res.response.ok && res.data?.version === input.version;
}
