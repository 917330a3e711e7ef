import { Link } from 'react-router-dom';
import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { NAV_ITEMS } from '../../app/nav-items';
import { orgPath, visibleNavItems } from '../../app/navigation';
import { RoleBadge } from '../../components/role-badge';
import { useMe } from './orgs-api';
import { useCan, useCurrentOrg } from './current-org';
import { OverviewStats } from './overview-stats';

export function OrgHomePage() {
  const { organization, role } = useCurrentOrg();
  const me = useMe();
  const firstName = me.data?.user.name.split(' ')[0];
  const sections = visibleNavItems(NAV_ITEMS, role).filter((item) => item.path !== '');
  const canSeeRuns = useCan('executions:read');

  return (
    <Stack gap="lg">
      <Card data-testid="welcome-card">
        <Group justify="space-between" align="flex-start">
          <Stack gap={6}>
            <Title order={2}>{firstName ? `Welcome, ${firstName}` : 'Welcome'}</Title>
            <Text c="dimmed">
              You are in <b data-testid="current-org-name">{organization.name}</b>. Write, version, run and
              evaluate your prompts here — with your team.
            </Text>
          </Stack>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Your role
            </Text>
            <RoleBadge role={role} />
          </Group>
        </Group>
      </Card>
      {canSeeRuns && <OverviewStats orgId={organization.id} />}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {sections.map((item) => (
          <Card
            key={item.testId}
            component={Link}
            to={orgPath(organization.id, item.path)}
            style={{ textDecoration: 'none' }}
            data-testid={`home-${item.testId}`}
          >
            <Group justify="space-between" mb="xs">
              <ThemeIcon variant="light" size="lg">
                <item.icon size={20} />
              </ThemeIcon>
              <IconArrowRight size={16} color="var(--mantine-color-dimmed)" />
            </Group>
            <Text fw={600}>{item.label}</Text>
            <Text size="sm" c="dimmed">
              {item.description}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
