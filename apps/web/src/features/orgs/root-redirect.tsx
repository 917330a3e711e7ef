import { useState } from 'react';
import { Navigate } from 'react-router-dom';
import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { FullPageLoader } from '../../components/route-guards';
import { ErrorAlert } from '../../components/query-state';
import { CreateOrgModal } from './create-org-modal';
import { pickDefaultOrgId, readLastOrgId } from './org-selection';
import { useMe, usePendingInvitations } from './orgs-api';
import { PendingInvitations } from './pending-invitations';

/** `/`: opens the last used organization, or offers to create one when the user has none. */
export function RootRedirect() {
  const me = useMe();
  const invitations = usePendingInvitations();
  const [creating, setCreating] = useState(false);

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  const orgId = pickDefaultOrgId(me.data.memberships, readLastOrgId());
  if (orgId !== null) return <Navigate to={`/orgs/${orgId}`} replace />;

  return (
    <Center h="100vh" p="md">
      <Paper withBorder p="xl" maw={440} shadow="sm">
        <Stack>
          <Title order={3}>No organization yet</Title>
          <Text c="dimmed" size="sm">
            You are not a member of any organization. Create one, or ask an admin to invite{' '}
            {me.data.user.email}.
          </Text>
          <PendingInvitations items={invitations.data?.items ?? []} />
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            data-testid="create-org-open"
          >
            Create organization
          </Button>
        </Stack>
      </Paper>
      <CreateOrgModal opened={creating} onClose={() => setCreating(false)} />
    </Center>
  );
}
