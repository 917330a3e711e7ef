import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { PasswordResetConfirm } from '@promptops/contracts';
import { describeError, problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { confirmPasswordReset, tokenFromHash } from './account-recovery-api';
import { AuthLayout } from './auth-layout';

/** /reset-password#token=… from an email or an admin: choose a new password. */
export function ResetPasswordPage() {
  const token = tokenFromHash(useLocation().hash);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const checked = validateWith(PasswordResetConfirm, { token: token ?? '', password });
    const found: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (password !== confirm) found.confirm ??= 'The passwords do not match';
    if (!checked.ok || Object.keys(found).length > 0) return setErrors(found);
    setErrors({});
    setSubmitting(true);
    try {
      await confirmPasswordReset(checked.data.token, checked.data.password);
      setDone(true);
    } catch (error) {
      setErrors(problemFieldErrors(error));
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthLayout title="Choose a new password">
      {token === null ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          data-testid="reset-no-token"
        >
          This link is incomplete. Open the whole link from the email, or ask for a new one.
        </Alert>
      ) : done ? (
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />} data-testid="reset-done">
          Your password was changed and every session was signed out. Log in with the new password.
        </Alert>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="New password">
          <Stack>
            {failure !== null && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                data-testid="reset-error"
              >
                {describeError(failure)}
              </Alert>
            )}
            <PasswordInput
              label="New password"
              description="At least 12 characters"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              data-testid="reset-password"
              autoFocus
            />
            <PasswordInput
              label="Repeat the new password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={errors.confirm}
              data-testid="reset-password-confirm"
            />
            <Button type="submit" loading={submitting} fullWidth data-testid="reset-confirm-submit">
              Set new password
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" c="dimmed" ta="center" mt="md">
        <Anchor component={Link} to="/login" data-testid="reset-to-login">
          Go to log in
        </Anchor>
      </Text>
    </AuthLayout>
  );
}
