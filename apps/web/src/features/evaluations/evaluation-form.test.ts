import { describe, expect, it } from 'vitest';
import type { Evaluator } from '@promptops/contracts';
import {
  draftToRequest,
  evaluatorBody,
  evaluatorToDraft,
  newDraft,
  newEvaluator,
  newVariant,
  plannedCalls,
  errorsUnder,
  serverFieldErrors,
} from './evaluation-form';

const DATASET = '00000000-0000-4000-8000-000000000001';
const MODEL = '00000000-0000-4000-8000-000000000002';

function validDraft() {
  const draft = newDraft(DATASET);
  draft.variants = [
    newVariant('support/reply'),
    { ...newVariant('support/reply'), name: 'v2', modelId: MODEL },
  ];
  draft.variants[1]!.prompt = { name: 'support/reply', pin: 'label', version: '', label: 'staging' };
  return draft;
}

describe('new evaluation draft', () => {
  it('builds the contract request, leaving defaults out', () => {
    const result = draftToRequest(validDraft());
    expect(result).toEqual({
      ok: true,
      request: {
        datasetId: DATASET,
        variants: [
          { prompt: { name: 'support/reply' } },
          { name: 'v2', prompt: { name: 'support/reply', label: 'staging' }, modelId: MODEL },
        ],
        evaluators: [{ type: 'exact-match' }, { type: 'latency' }],
        repetitions: 1,
        concurrency: 10,
      },
    });
  });

  it('sends evaluator settings by type', () => {
    const draft = validDraft();
    const rouge = { ...newEvaluator('rouge'), rougeTypes: ['rougeL'], stemmer: true };
    const regex = { ...newEvaluator('regex'), pattern: '^\\d+$', ignoreCase: true };
    const schema = { ...newEvaluator('json-schema'), schemaText: '{"type":"object"}' };
    const judge = {
      ...newEvaluator('llm-judge'),
      judgePrompt: { name: 'judges/helpful', pin: 'version' as const, version: 3 as const, label: '' },
      judgeModelId: MODEL,
    };
    draft.evaluators = [rouge, regex, schema, judge, { ...newEvaluator('custom'), name: 'short' }];
    draft.maxCostUsd = '2.50';
    draft.datasetVersion = 4;
    const result = draftToRequest(draft);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.request.evaluators).toEqual([
      { type: 'rouge', config: { types: ['rougeL'], stemmer: true } },
      { type: 'regex', config: { pattern: '^\\d+$', ignoreCase: true } },
      { type: 'json-schema', config: { schema: { type: 'object' } } },
      { type: 'llm-judge', config: { prompt: { name: 'judges/helpful', version: 3 }, modelId: MODEL } },
      { type: 'custom', name: 'short', config: { code: newEvaluator('custom').code } },
    ]);
    expect(result.request.maxCostUsd).toBe('2.50');
    expect(result.request.datasetVersion).toBe(4);
  });

  it('names each problem by its path', () => {
    const draft = newDraft(null);
    draft.evaluators = [
      { ...newEvaluator('json-schema'), schemaText: '{nope' },
      { ...newEvaluator('regex'), pattern: '(' },
      newEvaluator('exact-match'),
      newEvaluator('exact-match'),
    ];
    draft.variants[0]!.prompt.pin = 'label';
    const result = draftToRequest(draft);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.datasetId).toBe('Pick a dataset');
    expect(result.errors['variants.0.prompt.name']).toBe('Pick a prompt');
    expect(result.errors['variants.0.prompt.label']).toBe('Pick a label');
    expect(result.errors['evaluators.0.config.schema']).toMatch(/not valid JSON/);
    expect(result.errors['evaluators.1.config.pattern']).toMatch(/regular expression/);
    expect(result.errors['evaluators.3.name']).toMatch(/already produced/);
    expect(errorsUnder(result.errors, 'evaluators.3.')).toEqual({ name: result.errors['evaluators.3.name'] });
  });

  it('refuses a cost cap that is not an amount', () => {
    const draft = validDraft();
    draft.maxCostUsd = 'ten';
    const result = draftToRequest(draft);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['maxCostUsd']);
  });

  it('counts the planned calls', () => {
    const draft = validDraft();
    draft.repetitions = 3;
    draft.evaluators = [newEvaluator('llm-judge'), newEvaluator('bleu')];
    expect(plannedCalls(10, draft)).toEqual({ runs: 60, judgeCalls: 60 });
  });
});

describe('server errors', () => {
  it('keys them by the draft path whatever the server writes', () => {
    expect(
      serverFieldErrors([
        { path: 'body.variants.1.prompt.name', message: 'Unknown prompt' },
        { path: '/body/datasetId', message: 'Invalid UUID' },
        { path: '', message: 'Whole request' },
      ]),
    ).toEqual({
      'variants.1.prompt.name': 'Unknown prompt',
      datasetId: 'Dataset is not a valid id',
      form: 'Whole request',
    });
  });
});

describe('evaluator settings', () => {
  it('asks for what each type needs in words', () => {
    const draft = validDraft();
    draft.evaluators = [
      newEvaluator('llm-judge'),
      newEvaluator('semantic-similarity'),
      newEvaluator('regex'),
    ];
    const result = draftToRequest(draft);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toMatchObject({
      'evaluators.0.config.prompt.name': 'Pick a judge prompt',
      'evaluators.0.config.modelId': 'Pick a judge model',
      'evaluators.1.config.embedder': 'Name a model directory or an embeddings model',
      'evaluators.2.config.pattern': 'Give a pattern',
    });
  });
});

describe('evaluatorToDraft', () => {
  it('gives back the evaluator its form sends', () => {
    const evaluators: Evaluator[] = [
      { type: 'exact-match', config: { ignoreCase: true } },
      { type: 'rouge', name: 'r', config: { types: ['rougeL'], stemmer: true } },
      { type: 'regex', config: { pattern: '^ok', ignoreCase: true } },
      { type: 'json-schema', config: { schema: { type: 'object' } } },
      { type: 'custom', name: 'len', config: { code: '(o) => o.length' } },
      {
        type: 'llm-judge',
        config: {
          prompt: { name: 'judges/strict', label: 'production' },
          modelId: '5b0c7a4e-2f64-4c55-9d4b-1f7b0f1c2a3d',
        },
      },
      { type: 'latency' },
    ];
    for (const [i, evaluator] of evaluators.entries())
      expect(evaluatorBody(evaluatorToDraft(evaluator), i, {})).toEqual(evaluator);
  });
});
