import { describe, expect, it } from 'vitest';
import type { Webhook } from '@promptops/contracts';
import {
  EMPTY_WEBHOOK_FORM,
  createRequest,
  eventLabel,
  formFromWebhook,
  formatDuration,
  prettyBody,
  shortUrl,
  updateRequest,
} from './webhook-view';

const webhook: Webhook = {
  id: '00000000-0000-4000-8000-000000000001',
  url: 'https://hooks.example.com/promptops',
  events: ['review.opened', 'prompt.version.created'],
  format: 'json',
  description: 'CI',
  active: true,
  secretHint: 'abcd',
  lastDelivery: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('createRequest', () => {
  it('trims, orders events as the form lists them and leaves out an empty description', () => {
    expect(
      createRequest({
        ...EMPTY_WEBHOOK_FORM,
        url: '  https://x.example/h ',
        description: '   ',
        events: ['evaluation.finished', 'prompt.version.created'],
      }),
    ).toEqual({
      url: 'https://x.example/h',
      events: ['prompt.version.created', 'evaluation.finished'],
      format: 'json',
      active: true,
    });
  });
});

describe('updateRequest', () => {
  it('sends nothing when nothing changed (event order aside)', () => {
    expect(updateRequest(webhook, formFromWebhook(webhook))).toEqual({});
  });

  it('sends only the changed fields; clearing the description sends null', () => {
    const form = { ...formFromWebhook(webhook), description: '', format: 'slack' as const, active: false };
    expect(updateRequest(webhook, form)).toEqual({ description: null, format: 'slack', active: false });
    expect(updateRequest(webhook, { ...formFromWebhook(webhook), events: ['review.opened'] })).toEqual({
      events: ['review.opened'],
    });
  });
});

describe('display helpers', () => {
  it('formats durations, event names, URLs and bodies for the log', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(412)).toBe('412 ms');
    expect(formatDuration(1450)).toBe('1.4 s');
    expect(eventLabel('webhook.test')).toBe('Test');
    expect(eventLabel('prompt.label.moved')).toBe('Label moved');
    expect(eventLabel('something.else')).toBe('something.else');
    expect(shortUrl('https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX')).toBe(
      'hooks.slack.com/services/T000/B000/XXXXXXXXXXX…',
    );
    expect(shortUrl('http://127.0.0.1:8080/')).toBe('127.0.0.1:8080');
    expect(shortUrl('not a url')).toBe('not a url');
    expect(prettyBody('{"ok":true}')).toBe('{\n  "ok": true\n}');
    expect(prettyBody('plain text')).toBe('plain text');
    expect(prettyBody('')).toBe('(empty)');
  });
});
