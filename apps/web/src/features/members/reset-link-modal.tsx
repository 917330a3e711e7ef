import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { Member, PasswordResetLink } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { describeError } from '../../app/problem';
import { SecretReveal } from '../../components/secret-reveal';

/** Asks, then shows a member's one-time reset link once, to pass on by a channel you trust. */
export function ResetLinkModal({
  member,
  link,
  error,
  loading,
  onIssue,
  onClose,
}: {
  member: Member | null;
  link: PasswordResetLink | undefined;
  error: unknown;
  loading: boolean;
  onIssue: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={member !== null}
      onClose={onClose}
      title={<Text fw={600}>Password reset link</Text>}
      centered
    >
      <Stack>
        {link ? (
          <>
            <Text size="sm">
              Send this link to {member?.name} ({member?.email}) yourself. It works once, until{' '}
              {formatDateTime(link.expiresAt)}, and is not shown again.
            </Text>
            <SecretReveal value={link.resetUrl} testId="reset-link" label="reset link" />
          </>
        ) : (
          <>
            <Text size="sm">
              Create a one-time link with which {member?.name} ({member?.email}) sets a new password. Their
              current sessions end when they use it. This is recorded in the audit log.
            </Text>
            {error !== null && error !== undefined && (
              <Alert
                color="red"
                variant="light"
                icon={<IconInfoCircle size={18} />}
                data-testid="reset-link-error"
              >
                {describeError(error)}
              </Alert>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {link ? 'Done' : 'Cancel'}
          </Button>
          {!link && (
            <Button onClick={onIssue} loading={loading} data-testid="reset-link-create">
              Create link
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
