import { useState } from 'react';
import { Table, Text } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import type { Invitation } from '@promptops/contracts';
import { formatDate } from '../../app/format';
import { ConfirmModal } from '../../components/confirm-modal';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { RoleBadge } from '../../components/role-badge';
import { useRevokeInvitation } from './members-api';
import { DangerIconButton } from '../../components/danger-icon-button';

export function InvitationsTable({
  orgId,
  invitations,
  canWrite,
}: {
  orgId: string;
  invitations: readonly Invitation[];
  canWrite: boolean;
}) {
  const revoke = useRevokeInvitation(orgId);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  function confirmRevoke() {
    if (!revoking) return;
    const invitation = revoking;
    revoke.mutate(invitation.id, {
      onSuccess: () => notifySuccess(`Invitation for ${invitation.email} revoked`),
      onError: (error) => notifyFailure('Could not revoke the invitation', error),
      onSettled: () => setRevoking(null),
    });
  }

  return (
    <>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="invitations-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th w={160}>Role</Table.Th>
              <Table.Th>Invited</Table.Th>
              <Table.Th>Expires</Table.Th>
              {canWrite && <Table.Th w={60} aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invitations.map((invitation) => (
              <Table.Tr key={invitation.id} data-testid={`invitation-row-${invitation.email}`}>
                <Table.Td>
                  <Text size="sm">{invitation.email}</Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={invitation.role} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {formatDate(invitation.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {formatDate(invitation.expiresAt)}
                  </Text>
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    <DangerIconButton
                      label="Revoke invitation"
                      ariaLabel={`Revoke invitation for ${invitation.email}`}
                      testId={`invitation-revoke-${invitation.email}`}
                      onClick={() => setRevoking(invitation)}
                    >
                      <IconMailOff size={16} />
                    </DangerIconButton>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke invitation"
        confirmLabel="Revoke"
        loading={revoke.isPending}
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      >
        {`Revoke the invitation for ${revoking?.email ?? ''}? Its link stops working.`}
      </ConfirmModal>
    </>
  );
}
