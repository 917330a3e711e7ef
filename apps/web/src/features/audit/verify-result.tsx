import { Alert, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import type { AuditVerifyResponse } from '@promptops/contracts';
import { describeError } from '../../app/problem';

export function VerifyResult({
  result,
  error,
  onDismiss,
}: {
  result: AuditVerifyResponse | undefined;
  error: unknown;
  onDismiss: () => void;
}) {
  if (result === undefined) {
    return (
      <Alert
        color="red"
        title="Verification failed"
        withCloseButton
        onClose={onDismiss}
        mb="md"
        data-testid="audit-verify-result"
      >
        {describeError(error)}
      </Alert>
    );
  }
  if (result.ok) {
    return (
      <Alert
        color="teal"
        icon={<IconShieldCheck size={18} />}
        title="Audit chain intact"
        withCloseButton
        onClose={onDismiss}
        mb="md"
        data-testid="audit-verify-result"
        data-ok="true"
      >
        All {result.checked} events were checked; none has been altered or removed.
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      icon={<IconShieldX size={18} />}
      title="Audit chain broken"
      withCloseButton
      onClose={onDismiss}
      mb="md"
      data-testid="audit-verify-result"
      data-ok="false"
    >
      <Text size="sm">
        {result.checked} events checked. The chain breaks at event{' '}
        <Text span ff="monospace" fw={600}>
          {result.firstBrokenId ?? 'unknown'}
        </Text>
        : it or an event before it was changed outside PromptOps.
      </Text>
    </Alert>
  );
}
