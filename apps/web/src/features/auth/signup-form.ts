import { SignupRequest, type InvitationPreview } from '@promptops/contracts';
import { validateWith, type FieldErrors } from '../../app/problem';

export interface SignupValues {
  name: string;
  email: string;
  password: string;
  organizationName: string;
}

/**
 * Validates the form with the server's schema plus the password rule zod can't see (not the
 * email). An invitee joins the inviting organization, so its name stands in for the org field.
 */
export function prepareSignup(
  values: SignupValues,
  invitation: { token: string; preview: InvitationPreview } | null,
): { ok: true; request: SignupRequest } | { ok: false; errors: FieldErrors } {
  const input: Record<string, unknown> = invitation
    ? {
        ...values,
        email: invitation.preview.email,
        organizationName: invitation.preview.organization.name,
        invitationToken: invitation.token,
      }
    : { ...values, email: values.email.trim() };
  const checked = validateWith(SignupRequest, input);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  if (
    values.password !== '' &&
    values.password.trim().toLowerCase() === String(input.email).trim().toLowerCase()
  ) {
    errors.password ??= 'The password must not be your email address';
  }
  if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: checked.data };
}
