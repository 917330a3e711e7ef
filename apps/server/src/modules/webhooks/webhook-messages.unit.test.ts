import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EventPayloads, WEBHOOK_EVENTS, type EventType } from '@promptops/contracts';
import { retryDelay, signatureHeader, slackBody, summarize, webhookEventOf } from './webhook-messages.js';

describe('webhookEventOf', () => {
  it('maps every subscribable event from exactly one platform event and skips internal ones', () => {
    const mapped = (Object.keys(EventPayloads) as EventType[]).map(webhookEventOf).filter(Boolean);
    expect([...mapped].sort()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(webhookEventOf('access.api_key_revoked')).toBeUndefined();
    expect(webhookEventOf('prompt.label_moved')).toBe('prompt.label.moved');
    expect(webhookEventOf('analytics.regression_detected')).toBe('analytics.regression.detected');
  });
});

describe('signatureHeader', () => {
  it('signs "<unix seconds>.<raw body>" with HMAC-SHA256', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const header = signatureHeader('s3cret', '{"a":1}', at);
    const t = Math.floor(at.getTime() / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 's3cret').update(`${t}.{"a":1}`).digest('hex')}`);
  });
});

describe('retryDelay', () => {
  it('doubles from 30 s, caps at an hour and spreads by ±20 %', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 8, 9, 30].map((a) => retryDelay(a, mid))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
    expect(retryDelay(1, () => 0)).toBe(24_000);
    expect(retryDelay(1, () => 1)).toBe(36_000);
  });
});

describe('Slack messages', () => {
  it('summarizes each event in one readable line', () => {
    expect(
      summarize('prompt.label.moved', {
        name: 'support',
        label: 'production',
        version: 4,
        previousVersion: 3,
      }),
    ).toEqual({ title: 'Label *production* of *support* now points at v4', lines: ['was v3'] });
    expect(
      summarize('review.merged', {
        promptName: 'support',
        version: 4,
        label: 'production',
        actor: { id: null, email: 'ann@example.com' },
      }),
    ).toEqual({ title: 'Review merged: *support* v4 → *production*', lines: ['by ann@example.com'] });
    expect(
      summarize('evaluation.finished', {
        name: 'nightly',
        status: 'succeeded',
        summary: [{ variant: 0, metrics: { exact_match: 0.8, cost_usd: 0.0012345 } }],
      }),
    ).toEqual({
      title: 'Evaluation *nightly* succeeded',
      lines: ['variant 0: exact_match 0.800, cost_usd 0.001'],
    });
    expect(
      summarize('experiment.changed', {
        name: 'tone',
        promptName: 'support',
        status: 'stopped',
        winner: 'B',
      }),
    ).toEqual({ title: 'Experiment *tone* on *support* is stopped', lines: ['winner: B'] });
    expect(
      summarize('analytics.regression.detected', {
        promptName: 'support',
        version: 5,
        metric: 'latency_p95',
        detail: 'p95 1.2 s → 2.5 s',
      }).title,
    ).toBe('Regression in *support* v5 (latency_p95)');
  });

  it('escapes Slack markup in names and wraps the text in blocks', () => {
    const body = slackBody({
      id: 'd1',
      event: 'prompt.version.created',
      createdAt: new Date(),
      orgId: 'o1',
      data: { name: '<!channel> & co', version: 2 },
    });
    expect(body.text).toBe('New version *&lt;!channel&gt; &amp; co* v2');
    expect(body.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: body.text } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'prompt.version.created · delivery d1' }] },
    ]);
  });
});
