import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import type { WorkflowDecision } from '@promptops/contracts';

/** A waiting human node's question, with approve / reject and an optional comment. */
export function ApprovalBox({
  nodeId,
  message,
  onDecide,
  deciding,
  disabled,
  testId = 'wf-approval',
}: {
  nodeId: string;
  message: string;
  onDecide: (decision: WorkflowDecision) => void;
  deciding: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  const [comment, setComment] = useState('');
  const decide = (approved: boolean) =>
    onDecide(comment.trim() ? { approved, comment: comment.trim() } : { approved });
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconHandStop size={18} />}
      title={`Waiting at ${nodeId}`}
      data-testid={testId}
    >
      <Stack gap="xs">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {message || 'Approve to continue the run.'}
        </Text>
        <Textarea
          size="xs"
          placeholder="Comment (optional)"
          autosize
          minRows={1}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          disabled={disabled}
          data-testid={`${testId}-comment`}
        />
        <Group gap="xs">
          <Button
            size="xs"
            color="green"
            onClick={() => decide(true)}
            loading={deciding}
            disabled={disabled}
            data-testid={`${testId}-approve`}
          >
            Approve
          </Button>
          <Button
            size="xs"
            color="red"
            variant="light"
            onClick={() => decide(false)}
            disabled={disabled || deciding}
            data-testid={`${testId}-reject`}
          >
            Reject
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
