import { Badge } from '@mantine/core';
import type { Role } from '@promptops/contracts';

const ROLE_COLORS: Record<Role, string> = { admin: 'indigo', editor: 'cyan', viewer: 'gray' };

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge color={ROLE_COLORS[role]} variant="light" tt="capitalize">
      {role}
    </Badge>
  );
}

export const ROLE_OPTIONS = [
  { value: 'admin', label: 'Admin' },
  { value: 'editor', label: 'Editor' },
  { value: 'viewer', label: 'Viewer' },
];
