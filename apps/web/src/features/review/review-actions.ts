import type { Review } from '@promptops/contracts';

/**
 * What the viewer may do on a review, and why not when not — the UI's reading of the rules the
 * server enforces (the author never approves their own change; a decided review is final).
 */

export interface ActionState {
  visible: boolean;
  /** Why the action is unavailable; null when it can be used. */
  reason: string | null;
}

export interface ReviewActions {
  approve: ActionState;
  reject: ActionState;
  comment: ActionState;
  merge: ActionState;
  rerequest: ActionState;
  close: ActionState;
}

const hidden: ActionState = { visible: false, reason: null };
const ready: ActionState = { visible: true, reason: null };
const blocked = (reason: string): ActionState => ({ visible: true, reason });

export function reviewActions(
  review: Pick<Review, 'status' | 'author' | 'approvals' | 'mergeable' | 'gate' | 'requiredApprovals'>,
  viewer: { userId: string | null; canWrite: boolean; isAdmin: boolean },
): ReviewActions {
  if (!viewer.canWrite)
    return {
      approve: hidden,
      reject: hidden,
      comment: hidden,
      merge: hidden,
      rerequest: hidden,
      close: hidden,
    };
  const isAuthor = viewer.userId !== null && review.author.id === viewer.userId;
  const open = review.status === 'open';
  const approved = review.approvals.some((a) => a.user.id !== null && a.user.id === viewer.userId);

  let decide: ActionState = ready;
  if (!open) decide = hidden;
  else if (isAuthor)
    decide = blocked('You opened this review: someone else has to approve or reject it (you can close it).');

  let merge: ActionState = hidden;
  if (open) {
    const missing = review.requiredApprovals - review.approvals.length;
    if (review.mergeable) merge = ready;
    else if (missing > 0)
      merge = blocked(`Needs ${missing} more ${missing === 1 ? 'approval' : 'approvals'}.`);
    else if (review.gate && review.gate.status !== 'passed')
      merge = blocked(`The evaluation gate has not passed (${review.gate.status}).`);
    else merge = blocked('Not mergeable yet.');
  }

  return {
    approve:
      decide.visible && decide.reason === null && approved ? blocked('You approved this review.') : decide,
    reject: decide,
    comment: ready,
    merge,
    // A rejected or closed review opens again; an open one only runs a failed gate again.
    rerequest:
      review.status === 'rejected' || review.status === 'closed' || (open && review.gate?.status === 'failed')
        ? ready
        : hidden,
    close: open && (isAuthor || viewer.isAdmin) ? ready : hidden,
  };
}
