import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import type { MeResponse } from '@promptops/contracts';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { resendVerificationEmail } from './account-recovery-api';

/** Shown while the user's address is unconfirmed and the server can send email. */
export function VerifyEmailBanner({ me }: { me: MeResponse }) {
  const [sending, setSending] = useState(false);
  if (!me.emailVerificationAvailable || me.user.emailVerified) return null;

  async function resend() {
    setSending(true);
    try {
      await resendVerificationEmail();
      notifySuccess(`We sent a new link to ${me.user.email}`);
    } catch (error) {
      notifyFailure('Could not send the link', error);
    } finally {
      setSending(false);
    }
  }

  return (
    <Alert color="yellow" variant="light" icon={<IconMail size={18} />} data-testid="verify-email-banner">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          Confirm your email address: open the link we sent to <b>{me.user.email}</b>.
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          color="yellow"
          loading={sending}
          onClick={() => void resend()}
        >
          Send the link again
        </Button>
      </Group>
    </Alert>
  );
}
