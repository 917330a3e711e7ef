import { Button, Group, Stack, Text } from '@mantine/core';
import type { PendingInvitation } from '@promptops/contracts';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { RoleBadge } from '../../components/role-badge';
import { useAnswerInvitation } from './orgs-api';

/**
 * Invitations waiting for the user's answer: nobody joins an organization without accepting.
 * `onJoined` runs after an accept (e.g. to open the organization).
 */
export function PendingInvitations({
  items,
  onJoined,
}: {
  items: readonly PendingInvitation[];
  onJoined?: (orgId: string) => void;
}) {
  const answer = useAnswerInvitation();
  if (items.length === 0) return null;

  // mutateAsync, not mutate callbacks: answering removes the invitation from the list, which may
  // unmount this component before per-call callbacks would run.
  const respond = (inv: PendingInvitation, accept: boolean) =>
    answer.mutateAsync({ id: inv.id, accept }).then(
      () => {
        notifySuccess(
          accept
            ? `You joined ${inv.organization.name} as ${inv.role}`
            : `Declined the invitation to ${inv.organization.name}`,
        );
        if (accept) onJoined?.(inv.organization.id);
      },
      (error: unknown) => notifyFailure('Could not answer the invitation', error),
    );

  return (
    <Stack gap="xs" data-testid="pending-invitations">
      {items.map((inv) => (
        <Stack key={inv.id} gap={4} data-testid={`pending-invitation-${inv.organization.slug}`}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" fw={500} truncate maw={170}>
              {inv.organization.name}
            </Text>
            <RoleBadge role={inv.role} />
          </Group>
          {inv.invitedBy && (
            <Text size="xs" c="dimmed" truncate>
              from {inv.invitedBy}
            </Text>
          )}
          <Group gap="xs">
            <Button
              size="compact-xs"
              onClick={() => void respond(inv, true)}
              loading={answer.isPending && answer.variables?.id === inv.id && answer.variables.accept}
              data-testid={`accept-invitation-${inv.organization.slug}`}
            >
              Accept
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => void respond(inv, false)}
              loading={answer.isPending && answer.variables?.id === inv.id && !answer.variables.accept}
              data-testid={`decline-invitation-${inv.organization.slug}`}
            >
              Decline
            </Button>
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}
