import { Badge, Loader, Tooltip } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import type { Experiment, ExperimentResults } from '@promptops/contracts';
import { useExperimentResults } from './experiments-api';
import { DECISION_COLORS, DECISION_LABELS } from './results-view';

export function ExperimentStatusBadge({ status }: { status: Experiment['status'] }) {
  return (
    <Badge
      variant={status === 'running' ? 'dot' : 'light'}
      color={status === 'running' ? 'blue' : 'gray'}
      data-testid="experiment-status"
      data-status={status}
    >
      {status}
    </Badge>
  );
}

export function DecisionBadge({
  decision,
  size = 'sm',
}: {
  decision: ExperimentResults['decision'];
  size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <Tooltip label={decision.reason} withArrow multiline maw={320}>
      <Badge
        size={size}
        color={DECISION_COLORS[decision.state]}
        variant={decision.state === 'winner' ? 'filled' : 'light'}
        leftSection={decision.state === 'winner' ? <IconTrophy size={12} /> : undefined}
        tt="none"
        data-testid="decision-badge"
        data-state={decision.state}
      >
        {decision.state === 'winner' && decision.winner
          ? `${decision.winner} wins`
          : DECISION_LABELS[decision.state]}
      </Badge>
    </Tooltip>
  );
}

/**
 * A list row's verdict. Stopped experiments show what was promoted (no request); running ones
 * fetch their results once, so the list costs one results call per running experiment.
 */
export function ListDecision({ orgId, experiment }: { orgId: string; experiment: Experiment }) {
  const running = experiment.status === 'running';
  const results = useExperimentResults(orgId, experiment.id, { live: false, enabled: running });
  if (!running)
    return experiment.winner ? (
      <Badge size="sm" variant="light" color="teal" tt="none" leftSection={<IconTrophy size={12} />}>
        {experiment.winner} promoted
      </Badge>
    ) : null;
  if (results.isPending) return <Loader size="xs" />;
  if (!results.data) return null;
  return <DecisionBadge decision={results.data.decision} />;
}
