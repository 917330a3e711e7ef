import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconLock, IconPlugConnectedX } from '@tabler/icons-react';
import type { Permission } from '@promptops/contracts';
import { useAuth } from '../app/auth-context';
import { useCan } from '../features/orgs/current-org';

export function FullPageLoader() {
  return (
    <Center h="100vh" data-testid="loading">
      <Loader />
    </Center>
  );
}

/** Renders the child routes for a signed-in user; sends everyone else to /login and back afterwards. */
export function RequireAuth() {
  const { status, loggedOut, retryRestore } = useAuth();
  const location = useLocation();

  if (status === 'restoring') return <FullPageLoader />;
  if (status === 'unreachable') {
    return (
      <Center h="100vh" p="md">
        <Alert color="red" icon={<IconPlugConnectedX size={18} />} title="Cannot reach PromptOps" maw={440}>
          <Stack gap="sm">
            <Text size="sm">The server did not answer while restoring your session.</Text>
            <Button size="xs" variant="white" color="red" onClick={retryRestore} w="fit-content">
              Retry
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  if (status === 'signedOut') {
    // After a logout the next person to sign in should not land on this user's last page.
    const next = loggedOut ? '/' : `${location.pathname}${location.search}`;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  return <Outlet />;
}

/** Guards a page that its navigation entry already hides from roles lacking `permission`. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  if (allowed) return children;
  return (
    <Alert color="yellow" icon={<IconLock size={18} />} title="No access" data-testid="no-access">
      Your role in this organization does not allow this page. Ask an admin if you need it.
    </Alert>
  );
}
