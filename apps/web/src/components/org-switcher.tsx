import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, Menu, Text } from '@mantine/core';
import { IconBuilding, IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import type { Membership } from '@promptops/contracts';
import { CreateOrgModal } from '../features/orgs/create-org-modal';
import { switchOrgPath } from '../features/orgs/org-selection';
import { RoleBadge } from './role-badge';

export function OrgSwitcher({
  memberships,
  current,
}: {
  memberships: readonly Membership[];
  current: Membership;
}) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md">
        <Menu.Target>
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
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconPlus size={14} />}
            onClick={() => setCreating(true)}
            data-testid="create-org-open"
          >
            Create organization
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateOrgModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
