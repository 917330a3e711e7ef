import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import { finishExecution as recordFinished } from '../executions/executions.repository.js';
import { monthStart } from './overview.service.js';

let s: TestServer;
let admin: Session;
let other: Session;
beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app);
  other = await signup(s.app);
});
afterAll(async () => s?.close());

const overview = (session: Session, orgId = session.orgId) =>
  api(s.app, { method: 'GET', url: `/api/v1/orgs/${orgId}/overview`, token: session.accessToken });

async function insertRun(
  orgId: string,
  values: { promptName: string | null; status: string; cost: string; at?: string },
) {
  // Recorded the way the gateway records a finished run: the row and its hourly rollup together.
  await recordFinished(s.ctx.db, {
    id: randomUUID(),
    orgId,
    promptName: values.promptName,
    model: 'mock-fast',
    providerType: 'mock',
    status: values.status as 'succeeded',
    input: {},
    costUsd: values.cost,
    latencyMs: 10,
    actorType: 'user',
    createdAt: values.at ? new Date(values.at) : new Date(),
    finishedAt: new Date(),
  });
}

describe('new organizations', () => {
  it('come with the built-in mock provider, so the first run needs no setup', async () => {
    const models = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/models`,
      token: admin.accessToken,
    });
    const mock = models.body.items.filter((m: any) => m.providerType === 'mock');
    expect(mock.map((m: any) => m.name).sort()).toEqual(['mock-fast', 'mock-smart']);
    const run = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { template: 'Hello', modelId: mock[0].id },
    });
    expect(run.status).toBe(201);
    const audit = await sql<{ action: string }>(
      s.ctx,
      `SELECT action FROM audit_events WHERE org_id = $1 AND action = 'provider.created'`,
      [admin.orgId],
    );
    expect(audit).toHaveLength(1);
  });
});

describe('overview', () => {
  it("counts this month's runs, cost, failure rate and most-run prompts of this organization only", async () => {
    const fresh = await signup(s.app);
    const empty = await overview(fresh);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ runs: 0, failureRate: 0, costUsd: '0', topPrompts: [] });
    expect(empty.body.from).toBe(monthStart(new Date()).toISOString());

    await insertRun(fresh.orgId, { promptName: 'support/reply', status: 'succeeded', cost: '0.000001' });
    await insertRun(fresh.orgId, { promptName: 'support/reply', status: 'failed', cost: '0.0000005' });
    await insertRun(fresh.orgId, { promptName: 'support/reply', status: 'succeeded', cost: '0.25' });
    await insertRun(fresh.orgId, { promptName: 'summarize', status: 'cancelled', cost: '0.1' });
    await insertRun(fresh.orgId, { promptName: null, status: 'succeeded', cost: '1' });
    // Last month and another organization do not count.
    const lastMonth = new Date(monthStart(new Date()).getTime() - 1000).toISOString();
    await insertRun(fresh.orgId, { promptName: 'old', status: 'failed', cost: '5', at: lastMonth });
    await insertRun(other.orgId, { promptName: 'support/reply', status: 'failed', cost: '7' });

    const res = await overview(fresh);
    expect(res.body).toMatchObject({
      runs: 5,
      succeeded: 3,
      failed: 1,
      cancelled: 1,
      failureRate: 0.2,
      costUsd: '1.3500015',
      topPrompts: [
        { name: 'support/reply', runs: 3, costUsd: '0.2500015' },
        { name: 'summarize', runs: 1, costUsd: '0.1' },
      ],
    });
  });

  it('is readable by viewers and hidden from other organizations', async () => {
    const viewer = await memberWithRole(s.app, admin, 'viewer');
    expect((await overview(viewer)).status).toBe(200);
    expect((await overview(other, admin.orgId)).status).toBe(404);
  });
});
