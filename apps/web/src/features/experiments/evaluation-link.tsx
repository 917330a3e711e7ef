import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Button, Card, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import type { Experiment, ExperimentResults } from '@promptops/contracts';
import { orgPath } from '../../app/navigation';
import { describeError } from '../../app/problem';
import { notifySuccess } from '../../components/notify';
import { isTerminal } from '../evaluations/evaluation-stream';
import { useEvaluation, useEvaluations } from '../evaluations/evaluations-api';
import { metricInfos } from '../evaluations/metrics-view';
import { useLinkEvaluation } from './experiments-api';
import { formatInterval, formatMetric, formatProbability } from './results-view';

/** The score keys of one evaluation (the list omits its evaluators, so it is fetched on its own). */
function ScoreKeySelect({
  orgId,
  evaluationId,
  value,
  onChange,
}: {
  orgId: string;
  evaluationId: string;
  value: string | null;
  onChange: (key: string | null) => void;
}) {
  const evaluation = useEvaluation(orgId, evaluationId);
  const keys = evaluation.data
    ? metricInfos(evaluation.data.evaluators, evaluation.data.summary).map((m) => m.key)
    : [];
  return (
    <Select
      label="Score"
      placeholder={evaluation.isPending ? 'Loading…' : 'Pick a score'}
      data={keys}
      value={value}
      onChange={onChange}
      disabled={keys.length === 0}
      data-testid="link-evaluation-score"
    />
  );
}

function LinkEvaluationModal({
  orgId,
  experiment,
  opened,
  onClose,
}: {
  orgId: string;
  experiment: Experiment;
  opened: boolean;
  onClose: () => void;
}) {
  const evaluations = useEvaluations(orgId);
  const [evaluationId, setEvaluationId] = useState<string | null>(
    experiment.evaluation?.evaluationId ?? null,
  );
  const [scoreKey, setScoreKey] = useState<string | null>(experiment.evaluation?.scoreKey ?? null);
  const link = useLinkEvaluation(orgId, experiment.id);
  const finished = (evaluations.data?.items ?? []).filter((e) => isTerminal(e.status) && e.progress.done > 0);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>Link an offline evaluation</Text>}
      centered
    >
      <Stack>
        <Text size="sm" c="dimmed">
          Its score is shown next to the online results, per variant run with the same prompt version.
        </Text>
        <Select
          label="Evaluation"
          placeholder={finished.length === 0 ? 'No finished evaluation yet' : 'Pick an evaluation'}
          data={finished.map((e) => ({ value: e.id, label: `${e.name} (${e.status})` }))}
          value={evaluationId}
          onChange={(id) => {
            setEvaluationId(id);
            setScoreKey(null);
          }}
          searchable
          data-testid="link-evaluation-select"
        />
        {evaluationId ? (
          <ScoreKeySelect orgId={orgId} evaluationId={evaluationId} value={scoreKey} onChange={setScoreKey} />
        ) : (
          <Select label="Score" placeholder="Pick an evaluation first" data={[]} disabled />
        )}
        {link.isError && (
          <Text size="sm" c="red">
            {describeError(link.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!evaluationId || !scoreKey}
            loading={link.isPending}
            onClick={() =>
              evaluationId &&
              scoreKey &&
              link.mutate(
                { evaluationId, scoreKey },
                {
                  onSuccess: () => {
                    notifySuccess('Evaluation linked');
                    onClose();
                  },
                },
              )
            }
            data-testid="link-evaluation-submit"
          >
            Link
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function LinkedEvaluationName({ orgId, evaluationId }: { orgId: string; evaluationId: string }) {
  const evaluation = useEvaluation(orgId, evaluationId);
  return (
    <Anchor component={Link} to={orgPath(orgId, `evaluations/${evaluationId}`)} size="sm" fw={600}>
      {evaluation.data?.name ?? 'The linked evaluation'}
    </Anchor>
  );
}

/** The linked evaluation's score per variant, or a way to link one. */
export function EvaluationLinkPanel({
  orgId,
  experiment,
  offline,
  canWrite,
}: {
  orgId: string;
  experiment: Experiment;
  offline: ExperimentResults['evaluation'];
  canWrite: boolean;
}) {
  const [opened, setOpened] = useState(false);
  const linked = experiment.evaluation;
  return (
    <Card padding="md" data-testid="evaluation-link">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Offline evaluation</Title>
        {canWrite && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconLink size={14} />}
            onClick={() => setOpened(true)}
            data-testid="link-evaluation-button"
          >
            {linked ? 'Change' : 'Link an evaluation'}
          </Button>
        )}
      </Group>
      {!linked && (
        <Text size="sm" c="dimmed">
          Link an evaluation that ran these prompt versions over a dataset to see their offline quality next
          to the live outcomes.
        </Text>
      )}
      {linked && (
        <Stack gap="xs">
          <Text size="sm">
            <LinkedEvaluationName orgId={orgId} evaluationId={linked.evaluationId} />, score{' '}
            <b>{linked.scoreKey}</b>
          </Text>
          {offline && (
            <Table.ScrollContainer minWidth={520} type="native">
              <Table fz="sm" verticalSpacing={6} data-testid="offline-results">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Variant</Table.Th>
                    <Table.Th ta="right">Items</Table.Th>
                    <Table.Th ta="right">Mean</Table.Th>
                    <Table.Th ta="right">95 % interval</Table.Th>
                    <Table.Th ta="right">P(best)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {offline.variants.map((v) => (
                    <Table.Tr key={v.name}>
                      <Table.Td>{v.name}</Table.Td>
                      {v.evaluationVariant === null ? (
                        <Table.Td colSpan={4} c="dimmed" ta="right">
                          the evaluation did not run this version
                        </Table.Td>
                      ) : (
                        <>
                          <Table.Td ta="right">{v.n.toLocaleString('en-US')}</Table.Td>
                          <Table.Td ta="right" fw={600}>
                            {formatMetric('continuous', v.mean)}
                          </Table.Td>
                          <Table.Td ta="right">{formatInterval('continuous', v.ci95)}</Table.Td>
                          <Table.Td ta="right">{formatProbability(v.probabilityBest)}</Table.Td>
                        </>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
      {opened && (
        <LinkEvaluationModal
          orgId={orgId}
          experiment={experiment}
          opened={opened}
          onClose={() => setOpened(false)}
        />
      )}
    </Card>
  );
}
