import { useState, type FormEvent } from 'react';
import {
  Alert,
  Card,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import { WorkflowName, type WorkflowGraph } from '@promptops/contracts';
import { problemFieldErrors, type FieldErrors } from '../../app/problem';
import { FormActions } from '../../components/form-actions';
import { notifyFailure, notifySuccess } from '../../components/notify';
import {
  ensureTemplatePrompts,
  InvalidGraphError,
  useCreateWorkflow,
  useWorkflowTemplates,
} from './workflows-api';

/** A blank workflow: a start node straight into an end node that echoes the input. */
export const BLANK_GRAPH: WorkflowGraph = {
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { inputs: ['question'] } },
    { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: { output: '{{input.question}}' } },
  ],
  edges: [{ id: 'e_start_end', source: 'start', target: 'end' }],
};

const BLANK = 'blank';

/** Name + starting point (blank or a template); creates version 1 and opens the editor. */
export function NewWorkflowModal({
  orgId,
  opened,
  onClose,
  onCreated,
}: {
  orgId: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const create = useCreateWorkflow(orgId);
  const templates = useWorkflowTemplates(orgId, opened);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [template, setTemplate] = useState(BLANK);
  const [errors, setErrors] = useState<FieldErrors>({});
  // A template's graph refused as it is (most often: prompts it names do not exist here yet).
  const [graphErrors, setGraphErrors] = useState<string[]>([]);

  function close() {
    setName('');
    setDescription('');
    setTemplate(BLANK);
    setErrors({});
    setGraphErrors([]);
    create.reset();
    onClose();
  }

  const [preparing, setPreparing] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = WorkflowName.safeParse(name);
    if (!parsed.success) return setErrors({ name: parsed.error.issues[0]?.message ?? 'Not a valid name' });
    setErrors({});
    const picked = templates.data?.items.find((t) => t.id === template);
    const body = {
      name: parsed.data,
      graph: picked?.graph ?? BLANK_GRAPH,
      ...(description.trim() ? { description: description.trim() } : {}),
      message: picked ? `From the “${picked.name}” template` : 'Blank workflow',
    };
    if (picked && picked.prompts.length > 0) {
      setPreparing(true);
      try {
        const created = await ensureTemplatePrompts(orgId, picked.prompts);
        if (created.length > 0) notifySuccess(`Created the starter prompts ${created.join(', ')}`);
      } catch (error) {
        notifyFailure('Could not create the prompts this template needs', error);
        return;
      } finally {
        setPreparing(false);
      }
    }
    create.mutate(body, {
      onSuccess: ({ workflow }) => {
        notifySuccess(`Workflow “${workflow.name}” created`);
        close();
        onCreated(workflow.name);
      },
      onError: (error) => {
        setErrors(problemFieldErrors(error));
        setGraphErrors(
          error instanceof InvalidGraphError ? [...new Set(error.graphErrors.map((e) => e.message))] : [],
        );
        notifyFailure('Could not create the workflow', error);
      },
    });
  }

  const choices = [
    { id: BLANK, name: 'Blank', description: 'A start node and an end node.' },
    ...(templates.data?.items ?? []),
  ];

  return (
    <Modal opened={opened} onClose={close} title="New workflow" size="lg" centered>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="New workflow">
        <Stack>
          <TextInput
            label="Name"
            description="Folders with /, like support/triage"
            placeholder="support/triage"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
            data-testid="wf-new-name"
          />
          <Textarea
            label="Description"
            autosize
            minRows={1}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Start from
            </Text>
            {templates.isError && (
              <Text size="xs" c="dimmed">
                Templates could not be loaded; a blank workflow still works.
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {choices.map((t) => (
                <UnstyledButton
                  key={t.id}
                  onClick={() => setTemplate(t.id)}
                  data-testid={`wf-template-${t.id}`}
                >
                  <Card
                    withBorder
                    p="xs"
                    h="100%"
                    style={{
                      borderColor: template === t.id ? 'var(--mantine-color-blue-6)' : undefined,
                      background: template === t.id ? 'var(--mantine-color-blue-0)' : undefined,
                    }}
                  >
                    <Text size="sm" fw={600}>
                      {t.name}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {t.description}
                    </Text>
                  </Card>
                </UnstyledButton>
              ))}
            </SimpleGrid>
          </Stack>
          {graphErrors.length > 0 && (
            <Alert
              color="red"
              variant="light"
              title="This starting graph cannot be saved here yet"
              data-testid="wf-new-graph-errors"
            >
              <List size="xs">
                {graphErrors.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
              <Text size="xs" mt="xs">
                Create the prompts it names, or start blank and add your own.
              </Text>
            </Alert>
          )}
          <FormActions
            onCancel={close}
            submitLabel="Create and open"
            submitTestId="wf-new-submit"
            loading={create.isPending || preparing}
          />
        </Stack>
      </form>
    </Modal>
  );
}
