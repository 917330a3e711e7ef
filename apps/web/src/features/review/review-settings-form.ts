import {
  scoreKeys,
  UpdateReviewSettingsRequest,
  type Evaluator,
  type ReviewSettings,
} from '@promptops/contracts';
import { humanMessage } from '../../app/human-messages';
import {
  evaluatorBody,
  evaluatorToDraft,
  newEvaluator,
  type EvaluatorDraft,
} from '../evaluations/evaluation-form';

/**
 * The protected-labels form as it is filled in (strings where people type numbers), and its
 * request. Validation is the contract's schema; errors are keyed by path ("evaluationGate.thresholds.0.min").
 */

export interface ThresholdDraft {
  score: string;
  min: string;
  max: string;
}

export interface ReviewSettingsDraft {
  protectedLabels: string[];
  requiredApprovals: number;
  gateEnabled: boolean;
  datasetId: string | null;
  evaluators: EvaluatorDraft[];
  thresholds: ThresholdDraft[];
  /** '' for no cap. */
  maxCostUsd: string;
}

type Errors = Record<string, string>;

export function newThreshold(score = ''): ThresholdDraft {
  return { score, min: '', max: '' };
}

export function settingsToDraft(settings: ReviewSettings): ReviewSettingsDraft {
  const gate = settings.evaluationGate;
  return {
    protectedLabels: [...settings.protectedLabels],
    requiredApprovals: settings.requiredApprovals,
    gateEnabled: gate !== null,
    datasetId: gate?.datasetId ?? null,
    evaluators: gate ? gate.evaluators.map(evaluatorToDraft) : [newEvaluator('exact-match')],
    thresholds: gate
      ? gate.thresholds.map((t) => ({
          score: t.score,
          min: t.min?.toString() ?? '',
          max: t.max?.toString() ?? '',
        }))
      : [newThreshold('exact_match')],
    maxCostUsd: gate?.maxCostUsd?.toString() ?? '',
  };
}

/** The score keys the gate's evaluators will write: what a threshold can name. */
export function gateScoreKeys(evaluators: readonly EvaluatorDraft[]): string[] {
  return [
    ...new Set(
      evaluators.flatMap((e) =>
        scoreKeys({
          type: e.type,
          name: e.name.trim() || undefined,
          config: e.type === 'rouge' ? { types: e.rougeTypes } : undefined,
        } as Evaluator),
      ),
    ),
  ];
}

function number(text: string, path: string, errors: Errors): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) errors[path] = 'Enter a number';
  return value;
}

const LABELS: Record<string, string> = {
  protectedLabels: 'Protected labels',
  requiredApprovals: 'Required approvals',
  datasetId: 'Dataset',
  score: 'Score',
  min: 'Minimum',
  maxCostUsd: 'Cost cap',
};

export type ReviewSettingsRequest = Pick<
  ReviewSettings,
  'protectedLabels' | 'requiredApprovals' | 'evaluationGate'
>;
export type SettingsResult = { ok: true; request: ReviewSettingsRequest } | { ok: false; errors: Errors };

export function draftToSettingsRequest(draft: ReviewSettingsDraft): SettingsResult {
  const errors: Errors = {};
  let evaluationGate: Record<string, unknown> | null = null;
  if (draft.gateEnabled) {
    const prefix = 'evaluationGate.';
    const innerErrors: Errors = {};
    evaluationGate = {
      datasetId: draft.datasetId ?? '',
      evaluators: draft.evaluators.map((e, i) => evaluatorBody(e, i, innerErrors)),
      thresholds: draft.thresholds.map((t, i) => {
        const rule: Record<string, unknown> = { score: t.score.trim() };
        const min = number(t.min, `thresholds.${i}.min`, innerErrors);
        const max = number(t.max, `thresholds.${i}.max`, innerErrors);
        if (min !== undefined) rule.min = min;
        if (max !== undefined) rule.max = max;
        return rule;
      }),
    };
    const cost = number(draft.maxCostUsd, 'maxCostUsd', innerErrors);
    if (cost !== undefined) evaluationGate.maxCostUsd = cost;
    if (!draft.datasetId) innerErrors.datasetId = 'Pick a dataset';
    const known = new Set(gateScoreKeys(draft.evaluators));
    draft.thresholds.forEach((t, i) => {
      if (t.score.trim() !== '' && !known.has(t.score.trim()))
        innerErrors[`thresholds.${i}.score`] ??= `No evaluator writes “${t.score.trim()}”`;
    });
    for (const [path, message] of Object.entries(innerErrors)) errors[prefix + path] = message;
  }
  const body = {
    protectedLabels: draft.protectedLabels.map((l) => l.trim()),
    requiredApprovals: draft.requiredApprovals,
    evaluationGate,
  };
  const parsed = UpdateReviewSettingsRequest.safeParse(body);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.') || 'form';
      const last =
        issue.path
          .map(String)
          .filter((s) => !/^\d+$/.test(s))
          .at(-1) ?? 'form';
      errors[path] ??= humanMessage(LABELS[last] ?? last, issue.message);
    }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { ...parsed.data, evaluationGate: parsed.data.evaluationGate ?? null } };
}
