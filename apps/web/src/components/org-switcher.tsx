import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Badge, Box, Button, Indicator, Menu, Text } from '@mantine/core';
import { IconBuilding, IconCheck, IconDoorExit, IconPlus, IconSelector } from '@tabler/icons-react';
import type { Membership } from '@promptops/contracts';
import { CreateOrgModal } from '../features/orgs/create-org-modal';
import { switchOrgPath } from '../features/orgs/org-selection';
import { useLeaveOrganization, usePendingInvitations } from '../features/orgs/orgs-api';
import { PendingInvitations } from '../features/orgs/pending-invitations';
import { ConfirmModal } from './confirm-modal';
import { notifyFailure, notifySuccess } from './notify';
import { RoleBadge } from './role-badge';

export function OrgSwitcher({
  memberships,
  current,
  userId,
}: {
  memberships: readonly Membership[];
  current: Membership;
  userId: string;
}) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [creating, setCreating] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const invitations = usePendingInvitations();
  const leave = useLeaveOrganization();
  const pending = invitations.data?.items ?? [];

  function confirmLeave() {
    const org = current.organization;
    // mutateAsync: once /me no longer lists the organization this menu may unmount.
    void leave.mutateAsync({ orgId: org.id, userId }).then(
      () => {
        setLeaving(false);
        notifySuccess(`You left ${org.name}`);
        void navigate('/', { replace: true });
      },
      (error: unknown) => notifyFailure(`Could not leave ${org.name}`, error),
    );
  }

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md">
        <Menu.Target>
          <Indicator
            disabled={pending.length === 0}
            label={pending.length}
            size={16}
            offset={4}
            data-testid="pending-invitations-indicator"
          >
            <Button
              variant="default"
              leftSection={<IconBuilding size={16} />}
              rightSection={<IconSelector size={14} />}
              aria-label="Switch organization"
              data-testid="org-switcher"
              maw={280}
            >
              <Text size="sm" fw={500} truncate>
                {current.organization.name}
              </Text>
            </Button>
          </Indicator>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Organizations</Menu.Label>
          {memberships.map((m) => {
            const selected = m.organization.id === current.organization.id;
            return (
              <Menu.Item
                key={m.organization.id}
                onClick={() =>
                  void navigate(switchOrgPath(pathname, current.organization.id, m.organization.id))
                }
                leftSection={selected ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
                rightSection={<RoleBadge role={m.role} />}
                data-testid={`org-option-${m.organization.slug}`}
              >
                <Text size="sm" truncate maw={150}>
                  {m.organization.name}
                </Text>
              </Menu.Item>
            );
          })}
          {pending.length > 0 && (
            <>
              <Menu.Divider />
              <Menu.Label>
                Invitations{' '}
                <Badge size="xs" variant="light" ml={4}>
                  {pending.length}
                </Badge>
              </Menu.Label>
              <Box px="sm" pb="xs">
                <PendingInvitations items={pending} onJoined={(orgId) => void navigate(`/orgs/${orgId}`)} />
              </Box>
            </>
          )}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconPlus size={14} />}
            onClick={() => setCreating(true)}
            data-testid="create-org-open"
          >
            Create organization
          </Menu.Item>
          <Menu.Item
            color="red"
            leftSection={<IconDoorExit size={14} />}
            onClick={() => setLeaving(true)}
            data-testid="leave-org-open"
          >
            Leave {current.organization.name}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateOrgModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmModal
        opened={leaving}
        title={`Leave ${current.organization.name}?`}
        confirmLabel="Leave organization"
        loading={leave.isPending}
        onConfirm={confirmLeave}
        onClose={() => setLeaving(false)}
      >
        You lose access to its prompts, runs and settings, and the API keys you created in it are revoked. An
        admin can invite you again. The last admin cannot leave.
      </ConfirmModal>
    </>
  );
}
