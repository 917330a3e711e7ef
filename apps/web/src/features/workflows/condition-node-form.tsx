import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { EXPRESSION_HINT, type NodeFormProps } from './simple-node-forms';
import { MONO } from './mono';

interface Branch {
  id: string;
  when: string;
}

function branchesOf(config: Record<string, unknown>): Branch[] {
  if (!Array.isArray(config.branches)) return [];
  return config.branches.map((b) => {
    const r = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
    return { id: typeof r.id === 'string' ? r.id : '', when: typeof r.when === 'string' ? r.when : '' };
  });
}

function freshBranchId(branches: readonly Branch[]): string {
  const taken = new Set(branches.map((b) => b.id));
  for (let n = branches.length + 1; ; n++) if (!taken.has(`branch_${n}`)) return `branch_${n}`;
}

/** Branches in order: the first whose expression holds is taken, else the `else` handle. */
export function ConditionNodeForm({ config, onChange, errors, readOnly }: NodeFormProps) {
  const branches = branchesOf(config);
  const set = (next: Branch[], field: string) => onChange({ ...config, branches: next }, field);
  const move = (from: number, to: number) => {
    const next = [...branches];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    set(next, 'branches');
  };

  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        Checked in order; the first that holds is taken, otherwise <b>else</b>. {EXPRESSION_HINT}.
      </Text>
      {errors['branches'] && (
        <Text size="xs" c="red">
          {errors['branches']}
        </Text>
      )}
      {branches.map((branch, i) => (
        <Stack key={i} gap={4} p="xs" bg="gray.0" style={{ borderRadius: 6 }} data-testid={`wf-branch-${i}`}>
          <Group gap={4} wrap="nowrap" align="flex-start">
            <TextInput
              size="xs"
              label="Handle"
              value={branch.id}
              onChange={(e) =>
                set(
                  branches.map((b, j) => (j === i ? { ...b, id: e.currentTarget.value } : b)),
                  `branches.${i}.id`,
                )
              }
              error={errors[`branches.${i}.id`]}
              readOnly={readOnly}
              style={{ flex: 1 }}
              data-testid={`wf-branch-id-${i}`}
            />
            {!readOnly && (
              <Group gap={0} mt={22} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                  aria-label="Move up"
                >
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  disabled={i === branches.length - 1}
                  onClick={() => move(i, i + 1)}
                  aria-label="Move down"
                >
                  <IconArrowDown size={14} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  disabled={branches.length === 1}
                  onClick={() =>
                    set(
                      branches.filter((_, j) => j !== i),
                      'branches',
                    )
                  }
                  aria-label="Remove branch"
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            )}
          </Group>
          {errors[`branches.${i}`] && (
            <Text size="xs" c="red">
              {errors[`branches.${i}`]}
            </Text>
          )}
          <TextInput
            size="xs"
            label="When"
            value={branch.when}
            onChange={(e) =>
              set(
                branches.map((b, j) => (j === i ? { ...b, when: e.currentTarget.value } : b)),
                `branches.${i}.when`,
              )
            }
            error={errors[`branches.${i}.when`]}
            readOnly={readOnly}
            classNames={MONO}
            data-testid={`wf-branch-when-${i}`}
          />
        </Stack>
      ))}
      {!readOnly && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => set([...branches, { id: freshBranchId(branches), when: 'true' }], 'branches')}
          data-testid="wf-branch-add"
        >
          Add branch
        </Button>
      )}
    </Stack>
  );
}
