import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Button, PasswordInput, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconMailCheck } from '@tabler/icons-react';
import { PASSWORD_MIN_LENGTH } from '@promptops/contracts';
import { useAuth } from '../../app/auth-context';
import { describeError, problemFieldErrors, type FieldErrors } from '../../app/problem';
import { notifySuccess } from '../../components/notify';
import { AuthLayout } from './auth-layout';
import { useInvitationPreview } from './invitations-api';
import { prepareSignup, type SignupValues } from './signup-form';

const EMPTY: SignupValues = { name: '', email: '', password: '', organizationName: '' };

export function SignupPage() {
  const { status, signup } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('invitation');
  const invitation = useInvitationPreview(token);
  const preview = invitation.data ?? null;
  const [values, setValues] = useState<SignupValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  if (status === 'signedIn' && !submitting) return <Navigate to="/" replace />;

  const set = (field: keyof SignupValues) => (event: { currentTarget: { value: string } }) => {
    const { value } = event.currentTarget;
    setValues((v) => ({ ...v, [field]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const prepared = prepareSignup(values, token !== null && preview ? { token, preview } : null);
    if (!prepared.ok) return setErrors(prepared.errors);
    setErrors({});
    setSubmitting(true);
    try {
      const response = await signup(prepared.request);
      notifySuccess(preview ? `You joined ${response.organization.name}` : 'Welcome to PromptOps');
      void navigate(`/orgs/${response.organization.id}`, { replace: true });
    } catch (error) {
      setErrors(problemFieldErrors(error));
      setFailure(error);
      setSubmitting(false);
    }
  }

  const subtitle = preview ? (
    <span data-testid="signup-invitation">
      Join <b>{preview.organization.name}</b> as <b>{preview.role}</b>.
    </span>
  ) : (
    'Start with your own organization; invite your team later.'
  );

  return (
    <AuthLayout title={preview ? 'Accept invitation' : 'Create your account'} subtitle={subtitle}>
      {token !== null && invitation.isPending && <Skeleton h={300} data-testid="loading" />}
      {token !== null && invitation.isError && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} mb="md" data-testid="invitation-error">
          This invitation link is invalid, expired or already used ({describeError(invitation.error)}). You
          can still create an account with your own organization.{' '}
          <Anchor component={Link} to="/signup" size="sm">
            Sign up without invitation
          </Anchor>
        </Alert>
      )}
      {(token === null || !invitation.isPending) && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign up">
          <Stack>
            {failure !== null && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                data-testid="signup-error"
              >
                {describeError(failure)}
              </Alert>
            )}
            <TextInput
              label="Your name"
              autoComplete="name"
              value={values.name}
              onChange={set('name')}
              error={errors.name}
              data-testid="signup-name"
              autoFocus
            />
            <TextInput
              label="Work email"
              type="email"
              autoComplete="email"
              value={preview ? preview.email : values.email}
              onChange={set('email')}
              readOnly={preview !== null}
              rightSection={preview ? <IconMailCheck size={16} aria-label="Invited address" /> : undefined}
              description={preview ? 'The invitation was sent to this address.' : undefined}
              error={errors.email}
              data-testid="signup-email"
            />
            <PasswordInput
              label="Password"
              autoComplete="new-password"
              description={`At least ${PASSWORD_MIN_LENGTH} characters, and not your email.`}
              value={values.password}
              onChange={set('password')}
              error={errors.password}
              data-testid="signup-password"
            />
            {!preview && (
              <TextInput
                label="Organization name"
                placeholder="Acme Research"
                value={values.organizationName}
                onChange={set('organizationName')}
                error={errors.organizationName}
                data-testid="signup-organization"
              />
            )}
            <Button type="submit" loading={submitting} fullWidth data-testid="signup-submit">
              {preview ? `Join ${preview.organization.name}` : 'Create account'}
            </Button>
            <Text size="sm" c="dimmed" ta="center">
              Already have an account?{' '}
              <Anchor component={Link} to="/login">
                Log in
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
