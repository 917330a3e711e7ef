import type { Executor } from '../../platform/db/database.js';
import { emitEvent } from '../../platform/events/events.js';
import type { EvaluationRow } from './evaluations.repository.js';

/**
 * Emits `evaluation.finished` in the transaction that gave the evaluation its final status, so
 * the event exists exactly when the status does. The summary carries each score's mean.
 */
export async function emitEvaluationFinished(
  tx: Executor,
  row: Pick<EvaluationRow, 'id' | 'orgId' | 'name' | 'datasetId'>,
  status: 'succeeded' | 'failed' | 'cancelled',
  summary: Record<string, unknown>[],
): Promise<void> {
  await emitEvent(tx, {
    orgId: row.orgId,
    type: 'evaluation.finished',
    payload: {
      evaluationId: row.id,
      name: row.name,
      status,
      datasetId: row.datasetId,
      summary: summary.map((s) => {
        const metrics = (s.metrics ?? {}) as Record<string, { mean?: number }>;
        return {
          variant: s.variant as number,
          metrics: Object.fromEntries(
            Object.entries(metrics)
              .filter(([, m]) => typeof m.mean === 'number' && Number.isFinite(m.mean))
              .map(([k, m]) => [k, m.mean!]),
          ),
        };
      }),
    },
  });
}
