import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@promptops/contracts';
import { bodyText, parseBody } from './prompt-body';

describe('bodyText and parseBody', () => {
  it('writes messages as "## role" blocks and reads them back', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are terse.\n\nVery terse.' },
      { role: 'user', content: 'Summarise {{text}}\n' },
      { role: 'assistant', content: '' },
    ];
    const text = bodyText({ type: 'chat', template: null, messages });
    expect(text.startsWith('## system\nYou are terse.')).toBe(true);
    expect(parseBody('chat', text)).toEqual({ ok: true, template: null, messages });
  });

  it('keeps a text template as is', () => {
    expect(bodyText({ type: 'text', template: 'Hi {{name}}', messages: null })).toBe('Hi {{name}}');
    expect(parseBody('text', '## user\nnot a header here')).toEqual({
      ok: true,
      template: '## user\nnot a header here',
      messages: null,
    });
  });

  it('refuses chat text that does not start with a role line', () => {
    const parsed = parseBody('chat', 'Hello\n## user\nHi');
    expect(parsed.ok).toBe(false);
    expect(parseBody('chat', '').ok).toBe(false);
  });
});
