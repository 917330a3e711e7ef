import { describe, expect, it } from 'vitest';
import {
  clearEditedErrors,
  draftForPrompt,
  draftToRequest,
  experimentFieldErrors,
  formatShare,
  trafficSplit,
  variantErrors,
  type ExperimentDraft,
} from './experiment-form';

describe('trafficSplit', () => {
  it('gives each variant weight / sum, in shares that add up to exactly 100', () => {
    expect(trafficSplit([1, 1])).toEqual([50, 50]);
    expect(trafficSplit([1, 1, 1])).toEqual([33.4, 33.3, 33.3]);
    expect(trafficSplit([90, 10])).toEqual([90, 10]);
    expect(trafficSplit([2, 1, 1, 3])).toEqual([28.6, 14.3, 14.3, 42.8]);
    for (const weights of [
      [1, 1, 1],
      [1, 2, 3, 4, 5, 6, 7],
      [0.3, 0.3, 0.4],
      [7, 11, 13],
    ])
      expect(trafficSplit(weights).reduce<number>((s, v) => s + (v ?? 0), 0)).toBeCloseTo(100, 9);
  });

  it('leaves out variants without a usable weight', () => {
    expect(trafficSplit([1, '', 3])).toEqual([25, null, 75]);
    expect(trafficSplit([0, -1])).toEqual([null, null]);
  });

  it('formats shares', () => {
    expect(formatShare(50)).toBe('50 %');
    expect(formatShare(33.3)).toBe('33.3 %');
    expect(formatShare(null)).toBe('—');
  });
});

describe('draftForPrompt', () => {
  it('pits what production serves against the latest version', () => {
    const draft = draftForPrompt({ name: 'support/reply', latestVersion: 4, labels: { production: 2 } });
    expect(draft.promptName).toBe('support/reply');
    expect(draft.variants.map((v) => [v.name, v.pin, v.version, v.label, v.weight])).toEqual([
      ['control', 'label', '', 'production', 1],
      ['treatment', 'version', 4, '', 1],
    ]);
  });

  it('uses the version before the latest when production is not set or is the latest', () => {
    expect(
      draftForPrompt({ name: 'p', latestVersion: 3, labels: { production: 3 } }).variants.map(
        (v) => v.version,
      ),
    ).toEqual([2, 3]);
    expect(
      draftForPrompt({ name: 'p', latestVersion: 1, labels: {} }).variants.map((v) => v.version),
    ).toEqual([1, 1]);
    expect(draftForPrompt(null).promptName).toBe('');
  });
});

function draft(patch: Partial<ExperimentDraft> = {}): ExperimentDraft {
  return {
    ...draftForPrompt({ name: 'support/reply', latestVersion: 2, labels: {} }),
    ...patch,
  };
}

describe('draftToRequest', () => {
  it('builds the contract request', () => {
    const result = draftToRequest(
      draft({ name: ' Shorter reply ', description: ' ', maxExpectedLoss: '0.01', minSamples: 400 }),
    );
    expect(result).toEqual({
      ok: true,
      request: {
        name: 'Shorter reply',
        promptName: 'support/reply',
        variants: [
          { name: 'control', version: 1, weight: 1 },
          { name: 'treatment', version: 2, weight: 1 },
        ],
        metric: { name: 'conversion', kind: 'binary', higherIsBetter: true },
        minSamples: 400,
        maxExpectedLoss: 0.01,
      },
    });
  });

  it('leaves the expected loss to the server for binary metrics but asks for it on continuous ones', () => {
    const binary = draftToRequest(draft({ name: 'x' }));
    expect(binary.ok && 'maxExpectedLoss' in binary.request).toBe(false);
    const continuous = draftToRequest(draft({ name: 'x', metricKind: 'continuous' }));
    expect(continuous.ok).toBe(false);
    if (!continuous.ok) expect(continuous.errors.maxExpectedLoss).toMatch(/continuous metric needs/);
  });

  it('puts each problem on its field', () => {
    const base = draft();
    const result = draftToRequest({
      ...base,
      name: '',
      promptName: '',
      metricName: '',
      maxExpectedLoss: 'lots',
      variants: [
        { ...base.variants[0]!, name: 'same', pin: 'label', label: '' },
        { ...base.variants[1]!, name: 'Same', weight: 0 },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: 'Name is required',
      promptName: 'Pick a prompt',
      'metric.name': 'Metric is required',
      maxExpectedLoss: 'A number of 0 or more',
      'variants.0.label': 'Pick a label',
      'variants.1.weight': 'A weight above 0',
      'variants.1.name': 'Duplicate variant name',
    });
    expect(variantErrors(result.errors, 1)).toMatchObject({
      weight: 'A weight above 0',
      name: 'Duplicate variant name',
    });
  });

  it('needs two to eight variants', () => {
    const base = draft({ name: 'x' });
    const one = draftToRequest({ ...base, variants: base.variants.slice(0, 1) });
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.errors.variants).toBe('Variants needs at least 2');
  });
});

describe('experimentFieldErrors', () => {
  it('keys a refused request by the draft paths, whatever form the server writes them in', () => {
    expect(
      experimentFieldErrors([
        { path: 'body.variants.1.name', message: 'Duplicate variant name' },
        { path: '/body/metric/name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'promptName', message: 'No prompt named "x"' },
        { path: '', message: 'A running experiment exists' },
      ]),
    ).toEqual({
      'variants.1.name': 'Duplicate variant name',
      'metric.name': 'Metric is required',
      promptName: 'No prompt named "x"',
      form: 'A running experiment exists',
    });
  });
});

describe('clearEditedErrors', () => {
  const errors = {
    name: 'Name is required',
    maxExpectedLoss: 'A continuous metric needs the largest expected loss',
    'variants.1.weight': 'A weight above 0',
    variants: 'Variants needs at least 2',
    form: 'A running experiment exists',
  };

  it('drops the messages of the fields just edited and keeps the others', () => {
    expect(clearEditedErrors(errors, { metricKind: 'binary' })).toEqual({
      name: 'Name is required',
      'variants.1.weight': 'A weight above 0',
      variants: 'Variants needs at least 2',
      form: 'A running experiment exists',
    });
    expect(clearEditedErrors(errors, { variants: [] })).toEqual({
      name: 'Name is required',
      maxExpectedLoss: 'A continuous metric needs the largest expected loss',
      form: 'A running experiment exists',
    });
    // Another prompt may have no running experiment: the conflict message goes too.
    expect(Object.keys(clearEditedErrors(errors, { promptName: 'other' }))).not.toContain('form');
    expect(clearEditedErrors(errors, {})).toEqual(errors);
  });
});
