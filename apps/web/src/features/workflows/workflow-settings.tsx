import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { AllowedHost } from '@promptops/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ErrorAlert } from '../../components/query-state';
import { workflowsQueryKey, workflowsRequest } from './workflows-api';

interface Settings {
  httpAllowedHosts: string[];
}

/** One host per line; answers the hosts, or the first line that is not one. */
export function parseHostList(text: string): { hosts: string[] } | { error: string } {
  const hosts: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const parsed = AllowedHost.safeParse(line);
    if (!parsed.success)
      return { error: `Line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'not a host'}` };
    if (!hosts.includes(parsed.data)) hosts.push(parsed.data);
  }
  return { hosts };
}

/** The organization's workflow settings: the hosts HTTP tool nodes may call (admins change them). */
export function WorkflowSettingsPanel({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const client = useQueryClient();
  const key = [...workflowsQueryKey(orgId), 'settings'];
  const settings = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      workflowsRequest<{ settings: Settings }>('GET', orgId, '/workflow-settings', { signal }).then(
        (r) => r.settings,
      ),
  });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data) setText(settings.data.httpAllowedHosts.join('\n'));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (hosts: string[]) =>
      workflowsRequest<{ settings: Settings }>('PUT', orgId, '/workflow-settings', {
        body: { httpAllowedHosts: hosts },
      }),
    onSuccess: (r) => {
      client.setQueryData(key, r.settings);
      notifySuccess('Workflow settings saved');
    },
    onError: (e) => notifyFailure('Could not save the settings', e),
  });

  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <Card withBorder maw={640}>
      <Stack>
        <div>
          <Text fw={600}>HTTP tool allow-list</Text>
          <Text size="sm" c="dimmed">
            HTTP tool nodes may call only these hosts, one per line: <code>api.example.com</code>,{' '}
            <code>api.example.com:8443</code> or <code>*.example.com</code> for its subdomains. The
            server&apos;s egress policy applies on top (cloud metadata addresses are always refused).
          </Text>
        </div>
        <Textarea
          autosize
          minRows={4}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          readOnly={!canEdit}
          error={error}
          placeholder={'api.example.com\n*.internal.example.org'}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="wf-allowed-hosts"
        />
        {!canEdit && (
          <Alert variant="light" color="gray">
            Only admins change this list.
          </Alert>
        )}
        {canEdit && (
          <Group justify="flex-end">
            <Button
              loading={save.isPending}
              disabled={settings.isPending}
              onClick={() => {
                const parsed = parseHostList(text);
                if ('error' in parsed) return setError(parsed.error);
                save.mutate(parsed.hosts);
              }}
              data-testid="wf-settings-save"
            >
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
