import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { LoginRequest } from '@promptops/contracts';
import { useAuth } from '../../app/auth-context';
import { describeError, problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { AuthLayout } from './auth-layout';
import { safeNextPath } from './redirect';

export function LoginPage() {
  const { status, login } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  if (status === 'signedIn' && !submitting) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const checked = validateWith(LoginRequest, { email: email.trim(), password });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setSubmitting(true);
    try {
      await login(checked.data);
      void navigate(next, { replace: true });
    } catch (error) {
      setErrors(problemFieldErrors(error));
      setFailure(error);
      setSubmitting(false);
    }
  }

  return (
    <AuthLayout title="Log in" subtitle="Welcome back to PromptOps.">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Log in">
        <Stack>
          {failure !== null && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              data-testid="login-error"
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
            data-testid="login-email"
            autoFocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            data-testid="login-password"
          />
          <Button type="submit" loading={submitting} fullWidth data-testid="login-submit">
            Log in
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            New to PromptOps?{' '}
            <Anchor component={Link} to="/signup">
              Create an account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
