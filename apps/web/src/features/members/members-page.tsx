import { useState } from 'react';
import { Button, Card, Group, Text, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { useMe } from '../orgs/orgs-api';
import { InvitationsTable } from './invitations-table';
import { InviteMemberModal } from './invite-member-modal';
import { MembersTable } from './members-table';
import { useMembers } from './members-api';

export function MembersPage() {
  const { organization } = useCurrentOrg();
  const canWrite = useCan('members:write');
  const me = useMe();
  const members = useMembers(organization.id);
  const [inviting, setInviting] = useState(false);

  return (
    <>
      <PageHeader
        title="Members"
        description={`People in ${organization.name} and their roles.`}
        actions={
          canWrite && (
            <Button
              leftSection={<IconUserPlus size={16} />}
              onClick={() => setInviting(true)}
              data-testid="invite-member-button"
            >
              Invite member
            </Button>
          )
        }
      />
      {members.isPending && (
        <Card>
          <TableSkeleton />
        </Card>
      )}
      {members.isError && <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />}
      {members.data && (
        <>
          <Card p={0} mb="lg">
            <MembersTable
              orgId={organization.id}
              members={members.data.items}
              currentUserId={me.data?.user.id ?? ''}
              canWrite={canWrite}
            />
          </Card>
          {members.data.invitations.length > 0 && (
            <>
              <Group justify="space-between" mb="sm">
                <Title order={4}>Pending invitations</Title>
                <Text size="sm" c="dimmed">
                  {members.data.invitations.length} waiting
                </Text>
              </Group>
              <Card p={0}>
                <InvitationsTable
                  orgId={organization.id}
                  invitations={members.data.invitations}
                  canWrite={canWrite}
                />
              </Card>
            </>
          )}
        </>
      )}
      {canWrite && (
        <InviteMemberModal orgId={organization.id} opened={inviting} onClose={() => setInviting(false)} />
      )}
    </>
  );
}
