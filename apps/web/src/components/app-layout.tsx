import { useEffect } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router-dom';
import {
  AppShell,
  Burger,
  Button,
  Center,
  Group,
  NavLink as MantineNavLink,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NAV_ITEMS } from '../app/nav-items';
import { activeNavPath, orgPath, visibleNavItems } from '../app/navigation';
import { CurrentOrgContext } from '../features/orgs/current-org';
import { findMembership, rememberOrgId } from '../features/orgs/org-selection';
import { useMe } from '../features/orgs/orgs-api';
import { Logo } from './logo';
import { OrgSwitcher } from './org-switcher';
import { ErrorAlert } from './query-state';
import { UserMenu } from './user-menu';

/** The signed-in frame for /orgs/:orgId/*: header (org switcher, user menu), navbar, page. */
export function AppLayout() {
  const { orgId } = useParams();
  const { pathname } = useLocation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const me = useMe();
  const membership = me.data ? findMembership(me.data.memberships, orgId) : null;

  useEffect(() => {
    if (membership) rememberOrgId(membership.organization.id);
  }, [membership]);

  // On small screens the navbar is a drawer; close it once a link was followed.
  useEffect(() => closeNav(), [pathname, closeNav]);

  const navItems = membership ? visibleNavItems(NAV_ITEMS, membership.role) : [];
  const active = membership ? activeNavPath(navItems, membership.organization.id, pathname) : null;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Logo />
            </Link>
            {me.data && membership && (
              <OrgSwitcher memberships={me.data.memberships} current={membership} userId={me.data.user.id} />
            )}
            {me.isPending && <Skeleton h={36} w={180} />}
          </Group>
          {me.data && <UserMenu user={me.data.user} />}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Organization navigation">
        {me.isPending && (
          <Stack gap="xs">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} h={32} />
            ))}
          </Stack>
        )}
        {membership &&
          navItems.map((item) => (
            <MantineNavLink
              key={item.testId}
              component={Link}
              to={orgPath(membership.organization.id, item.path)}
              label={item.label}
              leftSection={<item.icon size={18} stroke={1.6} />}
              active={active === item.path}
              data-testid={item.testId}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              mb={2}
            />
          ))}
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Stack maw={1200} mx="auto" gap={0}>
          {me.isPending && <Skeleton h={200} />}
          {me.isError && <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />}
          {me.data && !membership && <NotAMember />}
          {membership && (
            <CurrentOrgContext.Provider value={membership}>
              <Outlet />
            </CurrentOrgContext.Provider>
          )}
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}

function NotAMember() {
  return (
    <Center mih={300}>
      <Stack align="center" gap="sm">
        <Text fw={600} size="lg">
          Organization not found
        </Text>
        <Text c="dimmed" size="sm">
          It does not exist or you are not a member of it.
        </Text>
        <Button component={Link} to="/" variant="light">
          Go to my organizations
        </Button>
      </Stack>
    </Center>
  );
}
