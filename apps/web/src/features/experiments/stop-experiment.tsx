import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlayerStop, IconTrophy } from '@tabler/icons-react';
import type { Experiment, ExperimentResults } from '@promptops/contracts';
import { describeError } from '../../app/problem';
import { notifySuccess } from '../../components/notify';
import { useStopExperiment } from './experiments-api';

type Mode = 'stop' | 'promote';

function StopModal({
  orgId,
  experiment,
  decision,
  mode,
  onClose,
}: {
  orgId: string;
  experiment: Experiment;
  decision: ExperimentResults['decision'] | undefined;
  mode: Mode;
  onClose: () => void;
}) {
  const stop = useStopExperiment(orgId, experiment.id);
  const [variant, setVariant] = useState<string | null>(decision?.winner ?? null);
  const [label, setLabel] = useState('production');
  const chosen = experiment.variants.find((v) => v.name === variant);
  const promoting = mode === 'promote';
  const notTheWinner =
    promoting && variant !== null && decision?.state === 'winner' && variant !== decision.winner;
  const noVerdict = promoting && decision?.state !== 'winner';

  const confirm = () =>
    stop.mutate(promoting && variant ? { variant, label: label.trim() || 'production' } : null, {
      onSuccess: () => {
        notifySuccess(
          promoting && chosen
            ? `Experiment stopped; ${label.trim() || 'production'} now serves v${chosen.version}`
            : 'Experiment stopped',
        );
        onClose();
      },
    });

  return (
    <Modal
      opened
      onClose={onClose}
      title={<Text fw={600}>{promoting ? 'Stop and promote' : 'Stop experiment'}</Text>}
      centered
    >
      <Stack>
        <Text size="sm">
          {promoting
            ? 'The experiment stops and the label moves to the chosen variant’s version in the same step. Subjects then get the labelled version again.'
            : 'Subjects stop being split: fetching the prompt without a version or label serves its latest version again. The results stay.'}
        </Text>
        {promoting && (
          <>
            <Select
              label="Variant"
              data={experiment.variants.map((v) => ({
                value: v.name,
                label: `${v.name} (v${v.version})${v.name === decision?.winner ? ' · winner' : ''}`,
              }))}
              value={variant}
              onChange={setVariant}
              allowDeselect={false}
              data-testid="promote-variant"
            />
            <TextInput
              label="Label"
              description="Moved to the variant's version"
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              data-testid="promote-label"
            />
            {(noVerdict || notTheWinner) && (
              <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
                {noVerdict
                  ? 'The experiment has not declared a winner yet: the data may not support this choice.'
                  : 'This is not the variant the experiment declared the winner.'}
              </Alert>
            )}
          </>
        )}
        {stop.isError && (
          <Text size="sm" c="red">
            {describeError(stop.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={stop.isPending}>
            Cancel
          </Button>
          <Button
            color={promoting ? 'teal' : 'red'}
            onClick={confirm}
            loading={stop.isPending}
            disabled={promoting && (!variant || label.trim() === '')}
            data-testid="confirm-button"
          >
            {promoting ? `Stop and move ${label.trim() || 'label'}` : 'Stop experiment'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Stop, or stop and promote (the winner by default) — each after a confirmation. */
export function StopActions({
  orgId,
  experiment,
  decision,
}: {
  orgId: string;
  experiment: Experiment;
  decision: ExperimentResults['decision'] | undefined;
}) {
  const [mode, setMode] = useState<Mode | null>(null);
  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconPlayerStop size={16} />}
        onClick={() => setMode('stop')}
        data-testid="experiment-stop"
      >
        Stop
      </Button>
      <Button
        color="teal"
        variant={decision?.state === 'winner' ? 'filled' : 'light'}
        leftSection={<IconTrophy size={16} />}
        onClick={() => setMode('promote')}
        data-testid="experiment-promote"
      >
        {decision?.state === 'winner' ? 'Stop and promote winner' : 'Stop and promote'}
      </Button>
      {mode && (
        <StopModal
          orgId={orgId}
          experiment={experiment}
          decision={decision}
          mode={mode}
          onClose={() => setMode(null)}
        />
      )}
    </>
  );
}
