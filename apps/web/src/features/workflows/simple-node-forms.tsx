import { NumberInput, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { MAX_LOOP_ITERATIONS } from '@promptops/contracts';
import { MONO } from './mono';

/** What every inspector form gets: the node's data, a change callback and errors by data field. */
export interface NodeFormProps {
  nodeId: string;
  config: Record<string, unknown>;
  /** `field` names the edited field so typing in it makes one undo step. */
  onChange: (config: Record<string, unknown>, field: string) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

export const TEMPLATE_HINT = 'Template: {{input.x}} or {{node_id.output}}';
export const EXPRESSION_HINT = 'CEL over the state, e.g. classify.output == "billing"';

export function StartNodeForm({ config, onChange, errors, readOnly }: NodeFormProps) {
  const inputs = Array.isArray(config.inputs)
    ? config.inputs.filter((i): i is string => typeof i === 'string')
    : [];
  return (
    <TagsInput
      label="Inputs"
      description="Names the run form asks for; templates read them as {{input.name}}"
      value={inputs}
      onChange={(next) => onChange({ ...config, inputs: next }, 'inputs')}
      error={errors['inputs']}
      readOnly={readOnly}
      data-testid="wf-start-inputs"
    />
  );
}

export function LoopNodeForm({ config, onChange, errors, readOnly }: NodeFormProps) {
  return (
    <Stack gap="sm">
      <NumberInput
        label="Max iterations"
        description="The body runs at most this many times"
        min={1}
        max={MAX_LOOP_ITERATIONS}
        value={typeof config.maxIterations === 'number' ? config.maxIterations : ''}
        onChange={(v) =>
          onChange({ ...config, maxIterations: typeof v === 'number' ? v : undefined }, 'maxIterations')
        }
        error={errors['maxIterations']}
        readOnly={readOnly}
        data-testid="wf-loop-max"
      />
      <TextInput
        label="Until"
        description={`Checked each time the body comes back. ${EXPRESSION_HINT}`}
        value={str(config.until)}
        onChange={(e) => onChange({ ...config, until: e.currentTarget.value }, 'until')}
        error={errors['until']}
        readOnly={readOnly}
        classNames={MONO}
        data-testid="wf-loop-until"
      />
      <Text size="xs" c="dimmed">
        The <b>body</b> handle repeats; <b>done</b> continues. Read the count as {'{{'}loop_id.iteration{'}}'}
        .
      </Text>
    </Stack>
  );
}

export function HumanNodeForm({ config, onChange, errors, readOnly }: NodeFormProps) {
  return (
    <Textarea
      label="Message"
      description={`Shown to the approver. ${TEMPLATE_HINT}`}
      autosize
      minRows={3}
      value={str(config.message)}
      onChange={(e) => onChange({ ...config, message: e.currentTarget.value }, 'message')}
      error={errors['message']}
      readOnly={readOnly}
      data-testid="wf-human-message"
    />
  );
}

export function EndNodeForm({ config, onChange, errors, readOnly }: NodeFormProps) {
  return (
    <Textarea
      label="Output"
      description={`The run's output. ${TEMPLATE_HINT}`}
      autosize
      minRows={3}
      value={str(config.output)}
      onChange={(e) => onChange({ ...config, output: e.currentTarget.value }, 'output')}
      error={errors['output']}
      readOnly={readOnly}
      classNames={MONO}
      data-testid="wf-end-output"
    />
  );
}

export function NoSettings({ text }: { text: string }) {
  return (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
}
