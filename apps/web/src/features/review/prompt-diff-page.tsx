import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Anchor, Card, Group, NativeSelect, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { PromptVersion } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/query-state';
import { useCurrentOrg } from '../orgs/current-org';
import { normalizeFolder } from '../prompts/folder-tree';
import { usePromptVersions } from '../prompts/prompts-api';
import { promptPagePath } from '../playground/prompt-paths';
import { DiffView } from './diff-view';
import { bodyText } from './prompt-body';
import { usePromptDiff } from './reviews-api';
import '../playground/monaco-setup';

function versionOption(v: PromptVersion) {
  const labels = v.labels.length > 0 ? ` · ${v.labels.join(', ')}` : '';
  return { value: String(v.version), label: `v${v.version}${labels}` };
}

function VersionCaption({ version }: { version: PromptVersion | undefined }) {
  if (!version) return null;
  return (
    <Text size="xs" c="dimmed" lineClamp={1} maw={300}>
      {version.commitMessage ?? 'No message'} ·{' '}
      {version.createdBy.email ?? version.createdBy.apiKeyName ?? 'unknown'} ·{' '}
      {formatDateTime(version.createdAt)}
    </Text>
  );
}

/** /compare/<name>?from=N&to=M: two versions of a prompt, what changed and the bodies side by side. */
export default function PromptDiffPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const name = normalizeFolder(decodeURIComponent(params['*'] ?? ''));
  const versions = usePromptVersions(orgId, name);
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version);
  const newest = items[0]?.version ?? null;
  const to = Number(search.get('to')) || newest;
  const from = Number(search.get('from')) || (to !== null && to > 1 ? to - 1 : to);
  const diff = usePromptDiff(orgId, name, from, to);
  const fromVersion = items.find((v) => v.version === from);
  const toVersion = items.find((v) => v.version === to);

  const pick = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    if (from !== null && !next.has('from')) next.set('from', String(from));
    if (to !== null && !next.has('to')) next.set('to', String(to));
    setSearch(next, { replace: true });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={2} data-testid="diff-title">
            Compare versions
          </Title>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} to={promptPagePath(orgId, name)} size="sm">
              {name}
            </Anchor>{' '}
            — the older version on the left, the newer on the right.
          </Text>
        </Stack>
      </Group>
      {versions.isError && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
      <Card padding="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <Stack gap={2}>
            <NativeSelect
              label="From"
              data={items.map(versionOption)}
              value={from !== null ? String(from) : ''}
              onChange={(e) => pick('from', e.currentTarget.value)}
              data-testid="diff-from"
              w={300}
            />
            <VersionCaption version={fromVersion} />
          </Stack>
          <IconArrowRight size={18} style={{ marginBottom: 28 }} color="var(--mantine-color-gray-6)" />
          <Stack gap={2}>
            <NativeSelect
              label="To"
              data={items.map(versionOption)}
              value={to !== null ? String(to) : ''}
              onChange={(e) => pick('to', e.currentTarget.value)}
              data-testid="diff-to"
              w={300}
            />
            <VersionCaption version={toVersion} />
          </Stack>
        </Group>
      </Card>
      {(versions.isPending || diff.isPending) && <Skeleton h={320} data-testid="loading" />}
      {diff.isError && <ErrorAlert error={diff.error} onRetry={() => void diff.refetch()} />}
      {diff.data && fromVersion && toVersion && (
        <Card padding="md">
          <DiffView
            changes={diff.data.changes}
            hunks={diff.data.hunks}
            original={bodyText(fromVersion)}
            modified={bodyText(toVersion)}
            fromLabel={`v${diff.data.from}`}
            toLabel={`v${diff.data.to}`}
          />
        </Card>
      )}
    </Stack>
  );
}
