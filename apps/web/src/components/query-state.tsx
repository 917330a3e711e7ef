import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { ApiError, describeError } from '../app/problem';

/** The error state every data view shows: the problem's detail and a retry button. */
export function ErrorAlert({
  error,
  onRetry,
  title = 'Could not load this page',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={title}
      data-testid="error-alert"
    >
      <Stack gap="xs">
        <Text size="sm">{describeError(error)}</Text>
        {requestId && (
          <Text size="xs" c="dimmed">
            Request id: {requestId}
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button
              size="xs"
              variant="white"
              color="red"
              leftSection={<IconRefresh size={14} />}
              onClick={onRetry}
            >
              Retry
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function TableSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Stack gap="xs" data-testid="loading">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={34} radius="sm" />
      ))}
    </Stack>
  );
}
