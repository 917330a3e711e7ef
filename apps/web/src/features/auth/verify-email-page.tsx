import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Alert, Anchor, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../app/problem';
import { tokenFromHash, verifyEmail } from './account-recovery-api';
import { AuthLayout } from './auth-layout';

/** /verify-email#token=…: confirms the address once, then offers the way into the app. */
export function VerifyEmailPage() {
  const token = tokenFromHash(useLocation().hash);
  const queryClient = useQueryClient();
  const [state, setState] = useState<
    { kind: 'working' } | { kind: 'done' } | { kind: 'failed'; error: unknown }
  >({ kind: 'working' });

  useEffect(() => {
    if (token === null) return;
    let cancelled = false;
    verifyEmail(token).then(
      () => {
        if (cancelled) return;
        setState({ kind: 'done' });
        void queryClient.invalidateQueries({ queryKey: ['me'] });
      },
      (error: unknown) => !cancelled && setState({ kind: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [token, queryClient]);

  return (
    <AuthLayout title="Confirm your email address">
      {token === null ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
          This link is incomplete. Open the whole link from the email.
        </Alert>
      ) : state.kind === 'working' ? (
        <Loader size="sm" />
      ) : state.kind === 'done' ? (
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />} data-testid="verify-done">
          Your email address is confirmed.
        </Alert>
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="verify-error">
          {describeError(state.error)} Ask for a new link from the banner in the app.
        </Alert>
      )}
      <Text size="sm" c="dimmed" ta="center" mt="md">
        <Anchor component={Link} to="/">
          Open PromptOps
        </Anchor>
      </Text>
    </AuthLayout>
  );
}
