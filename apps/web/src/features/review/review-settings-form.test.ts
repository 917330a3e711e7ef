import { describe, expect, it } from 'vitest';
import type { ReviewSettings } from '@promptops/contracts';
import { newEvaluator } from '../evaluations/evaluation-form';
import { draftToSettingsRequest, gateScoreKeys, newThreshold, settingsToDraft } from './review-settings-form';

const DATASET = '5b0c7a4e-2f64-4c55-9d4b-1f7b0f1c2a3d';

const withGate: ReviewSettings = {
  protectedLabels: ['production'],
  requiredApprovals: 2,
  evaluationGate: {
    datasetId: DATASET,
    evaluators: [{ type: 'exact-match', config: { ignoreCase: true } }, { type: 'latency' }],
    thresholds: [
      { score: 'exact_match', min: 0.8 },
      { score: 'latency_ms', max: 2000 },
    ],
    maxCostUsd: 5,
  },
};

describe('review settings form', () => {
  it('round-trips settings with a gate', () => {
    const result = draftToSettingsRequest(settingsToDraft(withGate));
    expect(result).toEqual({ ok: true, request: withGate });
  });

  it('sends no gate when it is off', () => {
    const draft = { ...settingsToDraft(withGate), gateEnabled: false };
    expect(draftToSettingsRequest(draft)).toEqual({
      ok: true,
      request: { protectedLabels: ['production'], requiredApprovals: 2, evaluationGate: null },
    });
  });

  it('says which field is wrong, by path', () => {
    const draft = {
      ...settingsToDraft({ protectedLabels: [], requiredApprovals: 1, evaluationGate: null }),
      protectedLabels: ['production', 'production'],
      gateEnabled: true,
      evaluators: [newEvaluator('exact-match')],
      thresholds: [newThreshold('exact_match'), { score: 'bleu', min: 'lots', max: '' }],
    };
    const result = draftToSettingsRequest(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['evaluationGate.datasetId']).toBe('Pick a dataset');
    expect(result.errors['evaluationGate.thresholds.1.min']).toBe('Enter a number');
    expect(result.errors['evaluationGate.thresholds.1.score']).toMatch(/No evaluator writes/);
    // A rule with neither bound: the contract's own message, on min.
    expect(result.errors['evaluationGate.thresholds.0.min']).toBe('Give min, max or both');
    expect(result.errors.protectedLabels).toBe('Each label once');
  });

  it('offers the score keys the evaluators write', () => {
    expect(
      gateScoreKeys([newEvaluator('exact-match'), { ...newEvaluator('levenshtein'), name: 'similar' }]),
    ).toEqual(['exact_match', 'similar']);
  });
});
