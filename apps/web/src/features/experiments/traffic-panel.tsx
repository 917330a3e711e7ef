import { ActionIcon, Anchor, Code, CopyButton, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { Experiment } from '@promptops/contracts';
import { orgPath } from '../../app/navigation';
import { trafficSnippets } from './traffic-snippets';

function Snippet({ code, testId }: { code: string; testId: string }) {
  return (
    <div style={{ position: 'relative' }}>
      <Code
        block
        fz="xs"
        pr={40}
        data-testid={testId}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {code}
      </Code>
      <CopyButton value={code} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow position="left">
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              onClick={copy}
              aria-label="Copy"
              style={{ position: 'absolute', top: 6, right: 6 }}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </div>
  );
}

/** How an application takes part: fetch the prompt with a subject, then report that subject's outcome. */
export function TrafficPanel({ orgId, experiment }: { orgId: string; experiment: Experiment }) {
  const snippets = trafficSnippets(window.location.origin, orgId, experiment);
  return (
    <Stack gap="sm" data-testid="traffic-panel">
      <Text size="sm">
        Fetch <b>{experiment.promptName}</b> with a <Code>subject</Code> (your user or session id) and without
        a version or label: the answer is that subject&apos;s variant, the same on every call. Later, report
        the subject&apos;s <b>{experiment.metric.name}</b>. Runs through <Code>POST /executions</Code> with{' '}
        <Code>prompt: {'{name}'}</Code> and <Code>subject</Code> are assigned the same way. Use an{' '}
        <Anchor component={Link} to={orgPath(orgId, 'api-keys')} size="sm">
          API key
        </Anchor>{' '}
        with the editor role.
      </Text>
      <Tabs defaultValue="curl" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="curl">curl</Tabs.Tab>
          <Tabs.Tab value="js">JavaScript</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="curl" pt="sm">
          <Stack gap="xs">
            <Text size="xs" fw={600}>
              1. Fetch the prompt for a subject
            </Text>
            <Snippet code={snippets.fetchPrompt} testId="snippet-fetch" />
            <Text size="xs" fw={600}>
              2. Report the outcome
            </Text>
            <Snippet code={snippets.recordOutcome} testId="snippet-outcome" />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="js" pt="sm">
          <Snippet code={snippets.javascript} testId="snippet-js" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
