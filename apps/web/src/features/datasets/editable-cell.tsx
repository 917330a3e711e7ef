import { useRef, useState, type KeyboardEvent } from 'react';
import { Loader, Text, Textarea, UnstyledButton } from '@mantine/core';

/**
 * A table cell that turns into a text box on click. Enter saves (Shift+Enter is a new line),
 * Escape or an unchanged blur cancels. The owner saves and says when it is done.
 */
export function EditableCell({
  text,
  isNull,
  editable,
  label,
  testId,
  onSave,
}: {
  text: string;
  /** The stored value is null or missing: shown dimmed so it differs from an empty string. */
  isNull: boolean;
  editable: boolean;
  label: string;
  testId: string;
  /** Resolves when stored; rejects to keep the editor open with the user's text. */
  onSave: (next: string) => Promise<void>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Enter saves and the box then loses focus: the blur must not save the same edit again.
  const inFlight = useRef(false);

  async function save() {
    if (draft === null || inFlight.current) return;
    if (draft === text) return setDraft(null);
    inFlight.current = true;
    setSaving(true);
    try {
      await onSave(draft);
      setDraft(null);
    } catch {
      // The owner reported the failure; the user's text stays to fix or cancel.
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(null);
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void save();
    }
  }

  if (draft !== null)
    return (
      <Textarea
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => void save()}
        onKeyDown={onKeyDown}
        autosize
        minRows={1}
        maxRows={10}
        size="xs"
        autoFocus
        disabled={saving}
        rightSection={saving ? <Loader size="xs" /> : undefined}
        aria-label={label}
        data-testid={`${testId}-input`}
      />
    );

  const content = (
    <Text
      size="sm"
      lineClamp={3}
      c={isNull ? 'dimmed' : undefined}
      fs={isNull ? 'italic' : undefined}
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      {isNull ? 'null' : text === '' ? '\u00a0' : text}
    </Text>
  );
  if (!editable) return <div data-testid={testId}>{content}</div>;
  return (
    <UnstyledButton
      onClick={() => setDraft(text)}
      w="100%"
      title="Click to edit"
      aria-label={`Edit ${label}`}
      data-testid={testId}
      style={{ borderRadius: 4, minHeight: 22, cursor: 'text' }}
    >
      {content}
    </UnstyledButton>
  );
}
