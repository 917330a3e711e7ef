import { Alert, Button, Group, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { formatDateTime } from '../../app/format';

/** Says the editor holds unsaved work from an earlier visit, with a way to throw it away. */
export function RestoredDraftAlert({
  restoredAt,
  onClose,
  onDiscard,
}: {
  restoredAt: string;
  onClose: () => void;
  onDiscard: () => void;
}) {
  return (
    <Alert
      color="indigo"
      variant="light"
      icon={<IconHistory size={18} />}
      mb="md"
      withCloseButton
      onClose={onClose}
      data-testid="draft-restored"
    >
      <Group justify="space-between" gap="xs">
        <Text size="sm">Restored your unsaved changes from {formatDateTime(restoredAt)}.</Text>
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          onClick={onDiscard}
          data-testid="draft-discard"
        >
          Discard changes
        </Button>
      </Group>
    </Alert>
  );
}
