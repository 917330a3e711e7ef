import { describe, expect, it } from 'vitest';
import type { Review } from '@promptops/contracts';
import { reviewActions } from './review-actions';

const author = { id: 'u-author', email: 'author@example.com', apiKeyName: null };
const reviewer = { id: 'u-reviewer', email: 'reviewer@example.com' };

function review(patch: Partial<Review> = {}): Review {
  return {
    id: 'r1',
    promptId: 'p1',
    promptName: 'support/reply',
    version: 3,
    label: 'production',
    baseVersion: 2,
    description: null,
    status: 'open',
    author,
    requiredApprovals: 2,
    approvals: [],
    activity: [],
    gate: null,
    mergeable: false,
    createdAt: '2026-12-03T10:00:00.000Z',
    updatedAt: '2026-12-03T10:00:00.000Z',
    closedAt: null,
    ...patch,
  };
}

const asReviewer = { userId: reviewer.id, canWrite: true, isAdmin: false };
const asAuthor = { userId: author.id, canWrite: true, isAdmin: false };

describe('reviewActions', () => {
  it('lets another editor approve and reject, but not merge before enough approvals', () => {
    const actions = reviewActions(review(), asReviewer);
    expect(actions.approve).toEqual({ visible: true, reason: null });
    expect(actions.reject).toEqual({ visible: true, reason: null });
    expect(actions.merge).toEqual({ visible: true, reason: 'Needs 2 more approvals.' });
    expect(actions.close.visible).toBe(false);
  });

  it('tells the author why they cannot decide their own review', () => {
    const actions = reviewActions(review(), asAuthor);
    expect(actions.approve.reason).toMatch(/someone else/);
    expect(actions.reject.reason).toMatch(/someone else/);
    expect(actions.close.visible).toBe(true);
    expect(actions.rerequest.visible).toBe(false);
  });

  it('does not let the same person approve twice', () => {
    const approvals = [{ user: reviewer, comment: null, createdAt: '2026-12-03T10:01:00.000Z' }];
    const actions = reviewActions(review({ approvals }), asReviewer);
    expect(actions.approve.reason).toBe('You approved this review.');
    expect(actions.merge.reason).toBe('Needs 1 more approval.');
  });

  it('waits for the evaluation gate when the approvals are in', () => {
    const approvals = [
      { user: reviewer, comment: null, createdAt: '2026-12-03T10:01:00.000Z' },
      { user: { id: 'u3', email: 'c@example.com' }, comment: null, createdAt: '2026-12-03T10:02:00.000Z' },
    ];
    const gate = { evaluationId: 'e1', status: 'running' as const, thresholds: [], detail: null };
    expect(reviewActions(review({ approvals, gate }), asReviewer).merge.reason).toMatch(/running/);
    expect(
      reviewActions(review({ approvals, gate: { ...gate, status: 'passed' }, mergeable: true }), asReviewer)
        .merge,
    ).toEqual({
      visible: true,
      reason: null,
    });
  });

  it('shows nothing to decide on a merged review, and nothing at all without reviews:write', () => {
    const merged = reviewActions(review({ status: 'merged' }), asReviewer);
    expect(
      [merged.approve, merged.reject, merged.merge, merged.close, merged.rerequest].every((a) => !a.visible),
    ).toBe(true);
    expect(merged.comment.visible).toBe(true);
    const viewer = reviewActions(review(), { userId: 'v', canWrite: false, isAdmin: false });
    expect(Object.values(viewer).every((a) => !a.visible)).toBe(true);
  });

  it('opens a rejected review again, runs a failed gate again, and lets an admin close any open review', () => {
    expect(reviewActions(review({ status: 'rejected' }), asAuthor).rerequest.visible).toBe(true);
    const failed = { evaluationId: 'e1', status: 'failed' as const, thresholds: [], detail: null };
    expect(reviewActions(review({ gate: failed }), asReviewer).rerequest.visible).toBe(true);
    expect(reviewActions(review(), { userId: 'admin', canWrite: true, isAdmin: true }).close.visible).toBe(
      true,
    );
  });
});
