import { useState, type FormEvent } from 'react';
import { Button, Group, Popover, Stack, TextInput } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import { LabelName } from '@promptops/contracts';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useSetWorkflowLabel } from './workflows-api';

/** Points a label (production, staging…) at the shown version. */
export function LabelPopover({ orgId, name, version }: { orgId: string; name: string; version: number }) {
  const [opened, setOpened] = useState(false);
  const [label, setLabel] = useState('production');
  const [error, setError] = useState<string | null>(null);
  const setWorkflowLabel = useSetWorkflowLabel(orgId, name);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = LabelName.safeParse(label.trim());
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Not a valid label');
    setError(null);
    setWorkflowLabel.mutate(
      { label: parsed.data, version },
      {
        onSuccess: () => {
          notifySuccess(`“${parsed.data}” now points at v${version}`);
          setOpened(false);
        },
        onError: (e) => notifyFailure('Could not move the label', e),
      },
    );
  }

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconTag size={14} />}
          onClick={() => setOpened((o) => !o)}
          data-testid="wf-label-button"
        >
          Label
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={submit} aria-label="Set label">
          <Stack gap="xs" w={240}>
            <TextInput
              size="xs"
              label={`Label for v${version}`}
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              error={error}
              data-testid="wf-label-name"
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                type="submit"
                loading={setWorkflowLabel.isPending}
                data-testid="wf-label-submit"
              >
                Point at v{version}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
