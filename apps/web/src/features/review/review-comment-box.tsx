import { useState } from 'react';
import { Button, Group, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconCheck, IconMessage, IconX } from '@tabler/icons-react';
import { notifyFailure, notifySuccess } from '../../components/notify';
import type { ReviewActions } from './review-actions';
import { useReviewAction, type ReviewAction } from './reviews-api';

/** One text box, three ways to send it: a comment, an approval or a rejection (with the text as its reason). */
export function ReviewCommentBox({
  orgId,
  reviewId,
  actions,
}: {
  orgId: string;
  reviewId: string;
  actions: ReviewActions;
}) {
  const [text, setText] = useState('');
  const act = useReviewAction(orgId, reviewId);
  const [sending, setSending] = useState<ReviewAction['kind'] | null>(null);
  if (!actions.comment.visible && !actions.approve.visible) return null;

  const send = (action: ReviewAction, done: string) => {
    setSending(action.kind);
    act.mutate(action, {
      onSuccess: () => {
        setText('');
        notifySuccess(done);
      },
      onError: (error) => notifyFailure('Could not send', error),
      onSettled: () => setSending(null),
    });
  };
  const comment = text.trim();

  return (
    <Stack gap="xs">
      <Textarea
        placeholder="Leave a comment"
        autosize
        minRows={2}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        aria-label="Comment"
        data-testid="review-comment"
      />
      <Group justify="flex-end" gap="xs">
        {actions.comment.visible && (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconMessage size={14} />}
            disabled={comment === ''}
            loading={sending === 'comment'}
            onClick={() => send({ kind: 'comment', body: comment }, 'Comment added')}
            data-testid="review-comment-submit"
          >
            Comment
          </Button>
        )}
        {actions.reject.visible && (
          <Tooltip
            label={actions.reject.reason}
            disabled={actions.reject.reason === null}
            withArrow
            multiline
            w={260}
          >
            <Button
              variant="light"
              color="red"
              size="xs"
              leftSection={<IconX size={14} />}
              disabled={actions.reject.reason !== null}
              loading={sending === 'reject'}
              onClick={() => send({ kind: 'reject', ...(comment ? { comment } : {}) }, 'Review rejected')}
              data-testid="review-reject"
            >
              Reject
            </Button>
          </Tooltip>
        )}
        {actions.approve.visible && (
          <Tooltip
            label={actions.approve.reason}
            disabled={actions.approve.reason === null}
            withArrow
            multiline
            w={260}
          >
            <Button
              color="teal"
              size="xs"
              leftSection={<IconCheck size={14} />}
              disabled={actions.approve.reason !== null}
              loading={sending === 'approve'}
              onClick={() => send({ kind: 'approve', ...(comment ? { comment } : {}) }, 'Approved')}
              data-testid="review-approve"
            >
              Approve
            </Button>
          </Tooltip>
        )}
      </Group>
      {actions.approve.reason !== null && actions.approve.visible && (
        <Group justify="flex-end">
          <Text size="xs" c="dimmed" data-testid="review-approve-reason">
            {actions.approve.reason}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
