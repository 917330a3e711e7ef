import type { RunnableConfig } from '@langchain/core/runnables';
import {
  WRITES_IDX_MAP,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointMetadata,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import type pg from 'pg';

/**
 * LangGraph's Postgres checkpointer with its two write paths batched. The library writes a
 * checkpoint as BEGIN, one INSERT per channel blob, the checkpoint row and COMMIT, and a task's
 * writes as BEGIN, one INSERT per write and COMMIT: about eleven round trips per node, which made
 * checkpointing most of a run's cost. Here each is one statement (atomic on its own, so no
 * transaction is needed) with the same tables, conflict rules and serialisation; reads, listing
 * and deletion are the library's.
 */
export class BatchedPostgresSaver extends PostgresSaver {
  constructor(private readonly db: pg.Pool) {
    super(db);
  }

  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    if (config.configurable === undefined) throw new Error('Missing "configurable" field in "config" param');
    const { thread_id, checkpoint_ns = '', checkpoint_id } = config.configurable as Record<string, string>;
    const [blobs, serializedMetadata] = await Promise.all([
      this._dumpBlobs(thread_id!, checkpoint_ns, checkpoint.channel_values, newVersions),
      this._dumpMetadata(metadata),
    ]);
    const params: unknown[] = [
      thread_id,
      checkpoint_ns,
      checkpoint.id,
      checkpoint_id,
      this._dumpCheckpoint(checkpoint),
      serializedMetadata,
    ];
    const checkpointRow = `INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
      DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata`;
    if (blobs.length === 0) {
      await this.db.query(checkpointRow, params);
    } else {
      const rows = blobs.map(
        (blob) => `(${blob.map((value) => `$${params.push(value ?? null)}`).join(', ')})`,
      );
      await this.db.query(
        `WITH blobs AS (
          INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
          VALUES ${rows.join(', ')}
          ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING
        ) ${checkpointRow}`,
        params,
      );
    }
    return { configurable: { thread_id, checkpoint_ns, checkpoint_id: checkpoint.id } };
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    if (writes.length === 0) return;
    const configurable = (config.configurable ?? {}) as Record<string, string>;
    const dumped = await this._dumpWrites(
      configurable.thread_id!,
      configurable.checkpoint_ns ?? '',
      configurable.checkpoint_id!,
      taskId,
      writes,
    );
    // One row per (task, idx): a statement may not touch the same row twice, so the last write wins
    // as it did with one statement per write.
    const byIdx = new Map(dumped.map((row) => [row[4], row]));
    const params: unknown[] = [];
    const rows = [...byIdx.values()].map(
      (row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`,
    );
    // Special channels (errors, interrupts, resumes) replace what an earlier attempt wrote.
    const replace = writes.every(([channel]) => channel in WRITES_IDX_MAP);
    await this.db.query(
      `INSERT INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob)
      VALUES ${rows.join(', ')}
      ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id, task_id, idx) ${
        replace
          ? 'DO UPDATE SET channel = EXCLUDED.channel, type = EXCLUDED.type, blob = EXCLUDED.blob'
          : 'DO NOTHING'
      }`,
      params,
    );
  }
}
