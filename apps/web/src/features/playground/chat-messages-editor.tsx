import { ActionIcon, Button, Card, Group, NativeSelect, Stack, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { moveItem, newMessageKey, type ChatRole, type DraftMessage } from './playground-draft';
import { TemplateEditor } from './template-editor';
import { DangerIconButton } from '../../components/danger-icon-button';

const ROLES: { value: ChatRole; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'user', label: 'User' },
  { value: 'assistant', label: 'Assistant' },
];

/** The role that usually follows `previous` in a conversation. */
function nextRole(previous: ChatRole | undefined): ChatRole {
  return previous === 'user' ? 'assistant' : 'user';
}

export function ChatMessagesEditor({
  messages,
  onChange,
  readOnly,
}: {
  messages: DraftMessage[];
  onChange: (messages: DraftMessage[]) => void;
  readOnly: boolean;
}) {
  const update = (index: number, patch: Partial<DraftMessage>) =>
    onChange(messages.map((m, i) => (i === index ? { ...m, ...patch } : m)));

  return (
    <Stack gap="sm" data-testid="chat-messages">
      {messages.map((message, index) => (
        <Card key={message.key} padding="sm" data-testid={`chat-message-${index}`} data-role={message.role}>
          <Group justify="space-between" mb={6} wrap="nowrap">
            <NativeSelect
              size="xs"
              w={130}
              data={ROLES}
              value={message.role}
              disabled={readOnly}
              onChange={(e) => update(index, { role: e.currentTarget.value as ChatRole })}
              aria-label={`Role of message ${index + 1}`}
              data-testid={`message-role-${index}`}
            />
            {!readOnly && (
              <Group gap={4} wrap="nowrap">
                <Tooltip label="Move up" withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={index === 0}
                    onClick={() => onChange(moveItem(messages, index, index - 1))}
                    aria-label={`Move message ${index + 1} up`}
                    data-testid={`message-up-${index}`}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Move down" withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={index === messages.length - 1}
                    onClick={() => onChange(moveItem(messages, index, index + 1))}
                    aria-label={`Move message ${index + 1} down`}
                    data-testid={`message-down-${index}`}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                </Tooltip>
                <DangerIconButton
                  label="Remove message"
                  ariaLabel={`Remove message ${index + 1}`}
                  testId={`message-remove-${index}`}
                  onClick={() => onChange(messages.filter((_, i) => i !== index))}
                  disabled={messages.length === 1}
                >
                  <IconTrash size={16} />
                </DangerIconButton>
              </Group>
            )}
          </Group>
          <TemplateEditor
            value={message.content}
            onChange={(content) => update(index, { content })}
            readOnly={readOnly}
            testId={`message-editor-${index}`}
            ariaLabel={`${message.role} message ${index + 1}`}
          />
        </Card>
      ))}
      {!readOnly && (
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              onChange([
                ...messages,
                { key: newMessageKey(), role: nextRole(messages.at(-1)?.role), content: '' },
              ])
            }
            data-testid="add-message"
          >
            Add message
          </Button>
        </Group>
      )}
    </Stack>
  );
}
