import type { FieldError } from '../errors.js';

/** What a client is told when a unique constraint stops a write (keys are constraint names). */
const CONFLICTS: Record<string, { detail: string; field?: FieldError }> = {
  users_email_unique: {
    detail: 'An account with this email already exists',
    field: { path: 'email', message: 'Already registered' },
  },
  memberships_org_id_user_id_pk: {
    detail: 'This user is already a member',
    field: { path: 'email', message: 'Already a member' },
  },
  invitations_open_uq: {
    detail: 'This email already has a pending invitation; revoke it to send a new one',
    field: { path: 'email', message: 'Already invited' },
  },
  providers_org_name_uq: {
    detail: 'A provider with this name exists',
    field: { path: 'name', message: 'Already taken' },
  },
  models_provider_name_uq: {
    detail: 'This model already exists for the provider',
    field: { path: 'name', message: 'Already exists' },
  },
  prompts_org_name_uq: {
    detail: 'A prompt with this name already exists; save a new version of it instead',
    field: { path: 'name', message: 'Already taken' },
  },
  prompt_labels_prompt_id_label_pk: { detail: 'The label was moved by another request at the same time' },
  prompt_versions_prompt_version_uq: { detail: 'Another version was saved at the same time; try again' },
};

/**
 * The unique violation (PostgreSQL SQLSTATE 23505) behind an error, if any. Drizzle wraps the
 * driver's error, so the cause chain is followed.
 */
export function uniqueViolation(
  error: unknown,
): { constraint: string | undefined; detail: string; field?: FieldError } | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, constraint, cause } = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === '23505') {
      const name = typeof constraint === 'string' ? constraint : undefined;
      const known = name ? CONFLICTS[name] : undefined;
      return { constraint: name, ...(known ?? { detail: 'This conflicts with an existing resource' }) };
    }
    e = cause;
  }
  return undefined;
}
