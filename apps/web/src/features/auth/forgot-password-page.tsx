import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconMailCheck } from '@tabler/icons-react';
import { PasswordResetRequest } from '@promptops/contracts';
import { ApiError, describeError, validateWith, type FieldErrors } from '../../app/problem';
import { requestPasswordReset } from './account-recovery-api';
import { AuthLayout } from './auth-layout';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [state, setState] = useState<'form' | 'sent' | 'unavailable'>('form');
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const checked = validateWith(PasswordResetRequest, { email: email.trim() });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setSubmitting(true);
    try {
      await requestPasswordReset(checked.data.email);
      setState('sent');
    } catch (error) {
      if (error instanceof ApiError && error.status === 503) setState('unavailable');
      else setFailure(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthLayout title="Reset your password" subtitle="We email you a link to choose a new one.">
      {state === 'sent' && (
        <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />} data-testid="reset-sent">
          If an account exists for {email.trim()}, a reset link is on its way. It works once and expires in an
          hour.
        </Alert>
      )}
      {state === 'unavailable' && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          data-testid="reset-unavailable"
        >
          This server cannot send email. Ask an admin of your organization for a password reset link: they can
          create one on the Members page.
        </Alert>
      )}
      {state === 'form' && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Reset password">
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
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
              data-testid="reset-email"
              autoFocus
            />
            <Button type="submit" loading={submitting} fullWidth data-testid="reset-submit">
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" c="dimmed" ta="center" mt="md">
        <Anchor component={Link} to="/login">
          Back to log in
        </Anchor>
      </Text>
    </AuthLayout>
  );
}
