import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { headersFromRows, stringRecord, toolOfKind, withOptional } from './node-config';
import { TEMPLATE_HINT, type NodeFormProps } from './simple-node-forms';
import { MONO } from './mono';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const str = (value: unknown) => (typeof value === 'string' ? value : '');

function HeaderRows({ config, onChange, readOnly }: Pick<NodeFormProps, 'config' | 'onChange' | 'readOnly'>) {
  // Rows are kept here while typed (a blank name is not stored); the node's record is the truth on mount.
  const [rows, setRows] = useState(() =>
    Object.entries(stringRecord(config.headers)).map(([name, value]) => ({ name, value })),
  );
  const update = (next: { name: string; value: string }[]) => {
    setRows(next);
    onChange(withOptional(config, 'headers', headersFromRows(next)), 'headers');
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Headers
      </Text>
      {rows.map((row, i) => (
        <Group key={i} gap={4} wrap="nowrap">
          <TextInput
            size="xs"
            placeholder="Name"
            value={row.name}
            readOnly={readOnly}
            style={{ flex: 1 }}
            onChange={(e) =>
              update(rows.map((r, j) => (j === i ? { ...r, name: e.currentTarget.value } : r)))
            }
          />
          <TextInput
            size="xs"
            placeholder="Value (template)"
            value={row.value}
            readOnly={readOnly}
            style={{ flex: 2 }}
            onChange={(e) =>
              update(rows.map((r, j) => (j === i ? { ...r, value: e.currentTarget.value } : r)))
            }
          />
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              onClick={() => update(rows.filter((_, j) => j !== i))}
              aria-label="Remove header"
            >
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && (
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => setRows([...rows, { name: '', value: '' }])}
          w="fit-content"
        >
          Add header
        </Button>
      )}
    </Stack>
  );
}

/** An HTTP call (method, URL, headers and body are templates) or JavaScript run in the sandbox. */
export function ToolNodeForm(props: NodeFormProps) {
  const { nodeId, config, onChange, errors, readOnly } = props;
  const kind = config.kind === 'code' ? 'code' : 'http';
  const timeout = (
    <NumberInput
      label="Timeout (ms)"
      placeholder={kind === 'http' ? '10000' : '1000'}
      min={kind === 'http' ? 100 : 10}
      max={kind === 'http' ? 60_000 : 10_000}
      value={typeof config.timeoutMs === 'number' ? config.timeoutMs : ''}
      onChange={(v) =>
        onChange(withOptional(config, 'timeoutMs', typeof v === 'number' ? v : undefined), 'timeoutMs')
      }
      error={errors['timeoutMs']}
      readOnly={readOnly}
    />
  );
  return (
    <Stack gap="sm">
      <SegmentedControl
        size="xs"
        value={kind}
        disabled={readOnly}
        onChange={(k) => onChange(toolOfKind(k as 'http' | 'code'), 'kind')}
        data={[
          { value: 'http', label: 'HTTP request' },
          { value: 'code', label: 'Code' },
        ]}
        data-testid="wf-tool-kind"
      />
      {kind === 'http' ? (
        <>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Select
              label="Method"
              data={METHODS}
              value={str(config.method) || 'GET'}
              onChange={(m) => onChange({ ...config, method: m ?? 'GET' }, 'method')}
              allowDeselect={false}
              error={errors['method']}
              readOnly={readOnly}
              w={110}
            />
            <TextInput
              label="URL"
              value={str(config.url)}
              onChange={(e) => onChange({ ...config, url: e.currentTarget.value }, 'url')}
              error={errors['url']}
              readOnly={readOnly}
              style={{ flex: 1 }}
              classNames={MONO}
              data-testid="wf-tool-url"
            />
          </Group>
          <Text size="xs" c="dimmed">
            {TEMPLATE_HINT}. Only hosts on the organization's allow-list are reachable.
          </Text>
          {/* Remounted per node: the rows are local while typed. */}
          <HeaderRows key={nodeId} config={config} onChange={onChange} readOnly={readOnly} />
          {errors['headers'] && (
            <Text size="xs" c="red">
              {errors['headers']}
            </Text>
          )}
          <Textarea
            label="Body"
            autosize
            minRows={2}
            value={str(config.body)}
            onChange={(e) => onChange(withOptional(config, 'body', e.currentTarget.value), 'body')}
            error={errors['body']}
            readOnly={readOnly}
            classNames={MONO}
          />
          {timeout}
        </>
      ) : (
        <>
          <Textarea
            label="Code"
            description="JavaScript defining function run(state); its return value is the node's output"
            autosize
            minRows={8}
            maxRows={24}
            value={str(config.code)}
            onChange={(e) => onChange({ ...config, code: e.currentTarget.value }, 'code')}
            error={errors['code']}
            readOnly={readOnly}
            classNames={MONO}
            styles={{ input: { fontSize: 12 } }}
            spellCheck={false}
            data-testid="wf-tool-code"
          />
          {timeout}
        </>
      )}
    </Stack>
  );
}
