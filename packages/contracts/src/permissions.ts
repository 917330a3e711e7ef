import { z } from 'zod';

export const Role = z.enum(['admin', 'editor', 'viewer']);
export type Role = z.infer<typeof Role>;

export const ROLES: readonly Role[] = Role.options;

/**
 * Every permission a route can require. The server guard and the web UI both read
 * ROLE_PERMISSIONS below, so a role's abilities are defined in exactly one place.
 */
export const PERMISSIONS = [
  'org:read',
  'members:read',
  'members:write',
  'api-keys:read',
  'api-keys:write',
  'audit:read',
  'providers:read',
  'providers:write',
  'models:read',
  'models:write',
  'prompts:read',
  'prompts:write',
  'executions:read',
  'executions:run',
  'datasets:read',
  'datasets:write',
  'evaluations:read',
  'evaluations:run',
  'experiments:read',
  'experiments:write',
  'analytics:read',
  'reviews:read',
  'reviews:write',
  'review-settings:write',
  'share-links:read',
  'share-links:write',
  'webhooks:read',
  'webhooks:write',
  'workflows:read',
  'workflows:write',
  'workflows:run',
  'workflow-settings:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const viewer: Permission[] = [
  'org:read',
  'members:read',
  'providers:read',
  'models:read',
  'prompts:read',
  'executions:read',
  'datasets:read',
  'evaluations:read',
  'experiments:read',
  'analytics:read',
  'reviews:read',
  'share-links:read',
  'workflows:read',
];
const editor: Permission[] = [
  ...viewer,
  'prompts:write',
  'executions:run',
  'datasets:write',
  'evaluations:run',
  'experiments:write',
  'reviews:write',
  'share-links:write',
  'workflows:write',
  'workflows:run',
];
const admin: Permission[] = [...PERMISSIONS];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(admin),
  editor: new Set(editor),
  viewer: new Set(viewer),
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
