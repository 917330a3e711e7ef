import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import {
  Alert,
  Badge,
  Box,
  Code,
  Container,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import type { SharedPromptVersion } from '@promptops/contracts';
import { formatDate, formatDateTime } from '../../app/format';
import { ApiError } from '../../app/problem';
import { Logo } from '../../components/logo';
import { ErrorAlert } from '../../components/query-state';
import { useSharedPrompt } from './sharing-api';

/**
 * /shared/:token — a read-only view of one prompt version for anyone holding the link, outside
 * the signed-in layout. The token is the credential, so the page tells the browser not to send
 * its address to other sites.
 */
export function SharedPromptPage() {
  const token = useParams().token ?? '';
  const shared = useSharedPrompt(token);
  useNoReferrer();
  return (
    <Box mih="100vh" bg="gray.0" py="xl">
      <Container size="md">
        <Stack gap="lg">
          <Group justify="space-between">
            <Logo />
            <Badge variant="light" color="gray" tt="none">
              Shared read-only
            </Badge>
          </Group>
          {shared.isPending ? (
            <Skeleton h={320} radius="lg" data-testid="loading" />
          ) : shared.isError ? (
            shared.error instanceof ApiError && shared.error.status === 404 ? (
              <Alert
                color="gray"
                variant="light"
                icon={<IconLinkOff size={18} />}
                title="This link does not work"
                data-testid="shared-not-found"
              >
                It may have expired or been revoked. Ask whoever sent it for a new one.
              </Alert>
            ) : (
              <ErrorAlert error={shared.error} onRetry={() => void shared.refetch()} />
            )
          ) : (
            <SharedVersion version={shared.data} />
          )}
        </Stack>
      </Container>
    </Box>
  );
}

function SharedVersion({ version }: { version: SharedPromptVersion }) {
  const params = Object.entries(version.params);
  return (
    <Paper withBorder shadow="sm" radius="lg" p="xl" data-testid="shared-prompt">
      <Stack gap="lg">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2}>{version.name}</Title>
            <Badge variant="filled" size="lg" radius="sm" tt="none">
              v{version.version}
            </Badge>
            <Badge variant="light" tt="none">
              {version.type}
            </Badge>
          </Group>
          {version.description && <Text c="dimmed">{version.description}</Text>}
          <Text size="xs" c="dimmed">
            Saved {formatDateTime(version.createdAt)}
            {version.commitMessage ? ` — ${version.commitMessage}` : ''} · link valid until{' '}
            {formatDate(version.expiresAt)}
          </Text>
        </Stack>
        {version.messages ? (
          <Stack gap="sm">
            {version.messages.map((m, i) => (
              <Stack key={i} gap={4}>
                <Badge variant="outline" color="gray" tt="none" size="sm">
                  {m.role}
                </Badge>
                <Code block style={{ whiteSpace: 'pre-wrap' }}>
                  {m.content}
                </Code>
              </Stack>
            ))}
          </Stack>
        ) : (
          <Code block style={{ whiteSpace: 'pre-wrap' }} data-testid="shared-template">
            {version.template}
          </Code>
        )}
        <Group align="flex-start" grow>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              Model and parameters
            </Text>
            <Text size="sm">{version.model ?? 'No model set'}</Text>
            {params.length === 0 ? (
              <Text size="sm" c="dimmed">
                Provider defaults
              </Text>
            ) : (
              params.map(([key, value]) => (
                <Text key={key} size="sm">
                  {key}: <Code>{JSON.stringify(value)}</Code>
                </Text>
              ))
            )}
          </Stack>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              Variables
            </Text>
            {version.variables.length === 0 ? (
              <Text size="sm" c="dimmed">
                None
              </Text>
            ) : (
              <Table withRowBorders={false} verticalSpacing={2} data-testid="shared-variables">
                <Table.Tbody>
                  {version.variables.map((v) => (
                    <Table.Tr key={v.name}>
                      <Table.Td>
                        <Code>{v.name}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {[v.type, v.default !== undefined ? `default “${v.default}”` : null, v.description]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Keeps the token in this page's address out of Referer headers while the page is open. */
function useNoReferrer() {
  useEffect(() => {
    const meta = document.createElement('meta');
    meta.name = 'referrer';
    meta.content = 'no-referrer';
    document.head.appendChild(meta);
    return () => meta.remove();
  }, []);
}
