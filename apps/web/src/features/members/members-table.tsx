import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Group, NativeSelect, Table, Text } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import type { Member, Role } from '@promptops/contracts';
import { formatDate } from '../../app/format';
import { ConfirmModal } from '../../components/confirm-modal';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ROLE_OPTIONS, RoleBadge } from '../../components/role-badge';
import { useChangeMemberRole, useRemoveMember } from './members-api';
import { DangerIconButton } from '../../components/danger-icon-button';

export function MembersTable({
  orgId,
  members,
  currentUserId,
  canWrite,
}: {
  orgId: string;
  members: readonly Member[];
  currentUserId: string;
  canWrite: boolean;
}) {
  const changeRole = useChangeMemberRole(orgId);
  const removeMember = useRemoveMember(orgId);
  const [removing, setRemoving] = useState<Member | null>(null);
  const navigate = useNavigate();

  function onRoleChange(member: Member, role: Role) {
    changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () => notifySuccess(`${member.name} is now ${role}`),
        onError: (error) => notifyFailure(`Could not change ${member.name}'s role`, error),
      },
    );
  }

  function confirmRemove() {
    if (!removing) return;
    const member = removing;
    removeMember.mutate(member.userId, {
      onSuccess: () => {
        notifySuccess(
          member.userId === currentUserId ? 'You left the organization' : `${member.name} was removed`,
        );
        setRemoving(null);
        if (member.userId === currentUserId) void navigate('/', { replace: true });
      },
      onError: (error) => {
        notifyFailure(`Could not remove ${member.name}`, error);
        setRemoving(null);
      },
    });
  }

  return (
    <>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="members-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th w={160}>Role</Table.Th>
              <Table.Th>Joined</Table.Th>
              {canWrite && <Table.Th w={60} aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => {
              const pending = changeRole.isPending && changeRole.variables.userId === member.userId;
              return (
                <Table.Tr key={member.userId} data-testid={`member-row-${member.email}`}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {member.name}
                      </Text>
                      {member.userId === currentUserId && (
                        <Badge size="xs" variant="outline" color="gray">
                          you
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{member.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    {canWrite ? (
                      <NativeSelect
                        size="xs"
                        data={ROLE_OPTIONS}
                        value={member.role}
                        disabled={pending}
                        onChange={(e) => onRoleChange(member, e.currentTarget.value as Role)}
                        aria-label={`Role of ${member.email}`}
                        data-testid={`member-role-${member.email}`}
                      />
                    ) : (
                      <RoleBadge role={member.role} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {formatDate(member.joinedAt)}
                    </Text>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <DangerIconButton
                        label="Remove from organization"
                        ariaLabel={`Remove ${member.email}`}
                        testId={`member-remove-${member.email}`}
                        onClick={() => setRemoving(member)}
                      >
                        <IconUserMinus size={16} />
                      </DangerIconButton>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={removing !== null}
        title="Remove member"
        confirmLabel="Remove"
        loading={removeMember.isPending}
        onConfirm={confirmRemove}
        onClose={() => setRemoving(null)}
      >
        {removing?.userId === currentUserId
          ? 'Remove yourself from this organization? You lose access to it immediately.'
          : `Remove ${removing?.name ?? ''} (${removing?.email ?? ''}) from this organization? They lose access immediately.`}
      </ConfirmModal>
    </>
  );
}
