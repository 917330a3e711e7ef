import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { IconLink, IconShare, IconTrash } from '@tabler/icons-react';
import type { PromptVersion, ShareLink } from '@promptops/contracts';
import { formatDate, formatDateTime } from '../../app/format';
import { DangerIconButton } from '../../components/danger-icon-button';
import { FormActions } from '../../components/form-actions';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { SecretReveal } from '../../components/secret-reveal';
import { useNow } from '../../components/use-now';
import { useCan } from '../orgs/current-org';
import { usePromptVersions } from './prompts-api';
import { useCreateShareLink, useRevokeShareLink, useShareLinks } from './sharing-api';
import { absoluteShareUrl, EXPIRY_CHOICES, expiryFromNow, shareLinkState } from './sharing-format';

const STATE_COLORS = { active: 'teal', revoked: 'gray', expired: 'orange' } as const;

/** "Share" on a prompt version: opens the dialog with the link form and the prompt's links. */
export function ShareButton({ orgId, version }: { orgId: string; version: PromptVersion }) {
  const [opened, setOpened] = useState(false);
  if (!useCan('share-links:read')) return null;
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconShare size={16} />}
        onClick={() => setOpened(true)}
        data-testid="share-button"
      >
        Share
      </Button>
      {opened && <ShareDialog orgId={orgId} version={version} onClose={() => setOpened(false)} />}
    </>
  );
}

function ShareDialog({
  orgId,
  version,
  onClose,
}: {
  orgId: string;
  version: PromptVersion;
  onClose: () => void;
}) {
  const canWrite = useCan('share-links:write');
  const versions = usePromptVersions(orgId, version.name);
  const links = useShareLinks(orgId, version.name, true);
  const create = useCreateShareLink(orgId, version.name);
  const revoke = useRevokeShareLink(orgId, version.name);
  const now = useNow(30_000);
  const [chosen, setChosen] = useState(String(version.version));
  const [days, setDays] = useState('30');
  const [created, setCreated] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { version: Number(chosen), expiresAt: expiryFromNow(Number(days), Date.now()) },
      {
        onSuccess: (link) => setCreated(absoluteShareUrl(link.url, window.location.origin)),
        onError: (error) => notifyFailure('Could not create the link', error),
      },
    );
  }

  function revokeLink(link: ShareLink) {
    revoke.mutate(link.id, {
      onSuccess: () => notifySuccess(`Link to v${link.version} revoked`),
      onError: (error) => notifyFailure('Could not revoke the link', error),
    });
  }

  const versionOptions = (versions.data?.items ?? [version]).map((v) => ({
    value: String(v.version),
    label: `v${v.version}${v.labels.length ? ` (${v.labels.join(', ')})` : ''}`,
  }));

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Share {version.name}</Text>} size="lg" centered>
      <Stack>
        <Text size="sm" c="dimmed">
          Anyone with a link can read that version (template, variables, parameters and model) without an
          account, until it expires or you revoke it.
        </Text>
        {canWrite &&
          (created ? (
            <Alert color="teal" variant="light" icon={<IconLink size={18} />} title="Link created">
              <Stack gap="xs">
                <Text size="sm">Copy it now: it is shown only once.</Text>
                <SecretReveal value={created} testId="share-link-url" label="link" />
                <Group>
                  <Button size="xs" variant="white" onClick={() => setCreated(null)}>
                    Create another
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <form onSubmit={submit} aria-label="Create share link">
              <Stack gap="sm">
                <Group grow align="flex-start">
                  <Select
                    label="Version"
                    data={versionOptions}
                    value={chosen}
                    onChange={(v) => v && setChosen(v)}
                    allowDeselect={false}
                    data-testid="share-version"
                  />
                  <Select
                    label="Expires after"
                    data={EXPIRY_CHOICES.map((c) => ({ ...c }))}
                    value={days}
                    onChange={(v) => v && setDays(v)}
                    allowDeselect={false}
                    data-testid="share-expiry"
                  />
                </Group>
                <FormActions
                  onCancel={onClose}
                  submitLabel="Create link"
                  submitTestId="share-create"
                  loading={create.isPending}
                />
              </Stack>
            </form>
          ))}
        <Text fw={600} size="sm">
          Links to this prompt
        </Text>
        {links.isPending ? (
          <TableSkeleton rows={2} />
        ) : links.isError ? (
          <ErrorAlert error={links.error} onRetry={() => void links.refetch()} />
        ) : links.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="share-links-empty">
            No links yet.
          </Text>
        ) : (
          <Table striped data-testid="share-links">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {links.data.items.map((link) => {
                const state = shareLinkState(link, now);
                return (
                  <Table.Tr key={link.id} data-testid="share-link-row">
                    <Table.Td>v{link.version}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(link.createdAt)}</Text>
                      <Text size="xs" c="dimmed">
                        {link.createdBy.email ?? 'API key'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDate(link.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATE_COLORS[state]} tt="none">
                        {state}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {canWrite && state === 'active' && (
                        <DangerIconButton
                          label="Revoke"
                          ariaLabel={`Revoke the link to v${link.version}`}
                          testId="share-link-revoke"
                          disabled={revoke.isPending}
                          onClick={() => revokeLink(link)}
                        >
                          <IconTrash size={16} />
                        </DangerIconButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Modal>
  );
}
