import { Card, Group, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { Usd } from '../../components/usd';
import type { Change, Kpi } from './kpi';

const TONE_COLORS: Record<Change['tone'], string> = { good: 'teal.7', bad: 'red.7', neutral: 'dimmed' };

function ChangeText({ change, testId }: { change: Change | null; testId: string }) {
  if (!change) return null;
  return (
    <Tooltip label="Against the period of the same length just before" withArrow openDelay={300}>
      <Text size="xs" fw={600} c={TONE_COLORS[change.tone]} data-tone={change.tone} data-testid={testId}>
        {change.text}
      </Text>
    </Tooltip>
  );
}

/** The headline figures of the period, each with its change against the period before. */
export function KpiCards({ kpis }: { kpis: readonly Kpi[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" data-testid="kpi-cards">
      {kpis.map((kpi) => (
        <Card key={kpi.key} padding="md" data-testid={`kpi-${kpi.key}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {kpi.label}
            </Text>
            <ChangeText change={kpi.change} testId={`kpi-${kpi.key}-change`} />
          </Group>
          <Text
            size="xl"
            fw={700}
            mt={4}
            data-testid={`kpi-${kpi.key}-value`}
            style={{ whiteSpace: 'nowrap' }}
          >
            {kpi.key === 'cost' ? <Usd value={kpi.value} /> : kpi.value}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {kpi.note ?? '\u00a0'}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
