import type { ChatMessage, PromptVersion } from '@promptops/contracts';

type PromptType = PromptVersion['type'];

/**
 * A version's body as one text — the template, or the messages as "## role" blocks — the way
 * the diff route renders it, and back again for a merged text.
 */

export interface PromptBody {
  type: PromptType;
  template: string | null;
  messages: readonly ChatMessage[] | null;
}

const ROLE_LINE = /^## (system|user|assistant)$/;

export function bodyText(body: PromptBody): string {
  if (body.type === 'text') return body.template ?? '';
  return (body.messages ?? []).map((m) => `## ${m.role}\n${m.content}`).join('\n\n');
}

export type ParsedBody =
  | { ok: true; template: string; messages: null }
  | { ok: true; template: null; messages: ChatMessage[] }
  | { ok: false; error: string };

/** The template or messages of an edited body text; chat text must be "## role" blocks. */
export function parseBody(type: PromptType, text: string): ParsedBody {
  if (type === 'text') return { ok: true, template: text, messages: null };
  const messages: { role: ChatMessage['role']; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const role = ROLE_LINE.exec(line)?.[1] as ChatMessage['role'] | undefined;
    if (role) {
      // The blank line that separates two blocks belongs to neither message.
      const previous = messages[messages.length - 1];
      if (previous && previous.lines.at(-1) === '') previous.lines.pop();
      messages.push({ role, lines: [] });
    } else if (messages.length === 0) {
      if (line.trim() !== '')
        return {
          ok: false,
          error: 'Start each message with a line "## system", "## user" or "## assistant".',
        };
    } else messages[messages.length - 1]!.lines.push(line);
  }
  if (messages.length === 0)
    return { ok: false, error: 'A chat prompt needs at least one "## role" message.' };
  return {
    ok: true,
    template: null,
    messages: messages.map((m) => ({ role: m.role, content: m.lines.join('\n') })),
  };
}
