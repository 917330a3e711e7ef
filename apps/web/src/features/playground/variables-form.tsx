import { Badge, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';

/** One input per detected variable, in template order. */
export function VariablesForm({
  names,
  values,
  onChange,
}: {
  names: readonly string[];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
}) {
  return (
    <Card padding="md" data-testid="variables-form">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Variables</Title>
        <Badge variant="light" color="gray" size="sm">
          {names.length}
        </Badge>
      </Group>
      {names.length === 0 ? (
        <Group gap="xs" c="dimmed" data-testid="variables-empty">
          <IconBraces size={16} />
          <Text size="sm">
            Write <code>{'{{name}}'}</code> in the prompt to add a variable.
          </Text>
        </Group>
      ) : (
        <Stack gap="sm">
          {names.map((name) => (
            <Textarea
              key={name}
              label={
                <Text span ff="monospace" size="sm" fw={600}>
                  {name}
                </Text>
              }
              placeholder={`Value for {{${name}}}`}
              autosize
              minRows={1}
              maxRows={8}
              value={values[name] ?? ''}
              onChange={(e) => onChange(name, e.currentTarget.value)}
              data-testid={`variable-input-${name}`}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}
