import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  apiKey,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

const base = (u: Session) => `/api/v1/orgs/${u.orgId}/datasets`;

async function createDataset(u: Session, name = `ds-${Math.random().toString(36).slice(2, 8)}`) {
  const res = await api(s.app, { method: 'POST', url: base(u), token: u.accessToken, payload: { name } });
  expect(res.status).toBe(201);
  return res.body.dataset as { id: string; name: string; version: number; itemCount: number };
}
function addItems(u: Session, id: string, items: unknown[], token = u.accessToken) {
  return api(s.app, { method: 'POST', url: `${base(u)}/${id}/items`, token, payload: { items } });
}
function listItems(u: Session, id: string, query = '', token = u.accessToken) {
  return api(s.app, { method: 'GET', url: `${base(u)}/${id}/items${query}`, token });
}
async function allItems(u: Session, id: string, query = '') {
  const res = await listItems(u, id, `?limit=1000${query ? `&${query}` : ''}`);
  expect(res.status).toBe(200);
  return res.body.items as { id: string; input: Record<string, unknown>; expected: string | null }[];
}
async function itemRowCount(datasetId: string) {
  const [row] = await sql<{ n: number }>(
    s.ctx,
    'SELECT count(*)::int AS n FROM dataset_items WHERE dataset_id = $1',
    [datasetId],
  );
  return row!.n;
}
async function audits(orgId: string, action: string) {
  return sql<{ resource_id: string; details: Record<string, unknown> }>(
    s.ctx,
    'SELECT resource_id, details FROM audit_events WHERE org_id = $1 AND action = $2 ORDER BY seq',
    [orgId, action],
  );
}

describe('datasets CRUD', () => {
  it('creates, reads, lists with search and cursor, renames and deletes a dataset', async () => {
    const u = await signup(s.app);
    const created = await api(s.app, {
      method: 'POST',
      url: base(u),
      token: u.accessToken,
      payload: { name: 'support questions', description: 'From the help desk' },
    });
    expect(created.status).toBe(201);
    expect(created.body.dataset).toMatchObject({
      name: 'support questions',
      description: 'From the help desk',
      itemCount: 0,
      version: 0,
    });
    const id = created.body.dataset.id;
    expect((await audits(u.orgId, 'dataset.created'))[0]).toMatchObject({ resource_id: id });

    const dup = await api(s.app, {
      method: 'POST',
      url: base(u),
      token: u.accessToken,
      payload: { name: 'support questions' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].path).toBe('name');

    for (const name of ['alpha 100%', 'beta', 'gamma']) await createDataset(u, name);
    const search = await api(s.app, { method: 'GET', url: `${base(u)}?search=100%25`, token: u.accessToken });
    expect(search.body.items.map((d: { name: string }) => d.name)).toEqual(['alpha 100%']);
    const byDescription = await api(s.app, {
      method: 'GET',
      url: `${base(u)}?search=help`,
      token: u.accessToken,
    });
    expect(byDescription.body.items.map((d: { id: string }) => d.id)).toEqual([id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api>> = await api(s.app, {
        method: 'GET',
        url: `${base(u)}?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        token: u.accessToken,
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((d: { name: string }) => d.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['gamma', 'beta', 'alpha 100%', 'support questions']);
    const badCursor = await api(s.app, {
      method: 'GET',
      url: `${base(u)}?cursor=bm9wZQ`,
      token: u.accessToken,
    });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].path).toBe('query.cursor');

    const taken = await api(s.app, {
      method: 'PATCH',
      url: `${base(u)}/${id}`,
      token: u.accessToken,
      payload: { name: 'beta' },
    });
    expect(taken.status).toBe(409);
    const renamed = await api(s.app, {
      method: 'PATCH',
      url: `${base(u)}/${id}`,
      token: u.accessToken,
      payload: { name: 'faq', description: null },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.dataset).toMatchObject({ id, name: 'faq', description: null, version: 0 });
    expect((await audits(u.orgId, 'dataset.updated'))[0]!.details).toEqual({
      name: { before: 'support questions', after: 'faq' },
      description: { before: 'From the help desk', after: null },
    });

    await addItems(u, id, [{ input: { q: 'hi' }, expected: 'hello' }]);
    const del = await api(s.app, { method: 'DELETE', url: `${base(u)}/${id}`, token: u.accessToken });
    expect(del.status).toBe(204);
    expect((await api(s.app, { method: 'GET', url: `${base(u)}/${id}`, token: u.accessToken })).status).toBe(
      404,
    );
    expect((await listItems(u, id)).status).toBe(404);
    expect((await addItems(u, id, [{ input: { q: 'x' } }])).status).toBe(404);
    // Soft delete: the name is free again, the items stay for evaluations that used them.
    expect((await createDataset(u, 'faq')).name).toBe('faq');
    expect(await itemRowCount(id)).toBe(1);
    expect(await audits(u.orgId, 'dataset.deleted')).toHaveLength(1);
  });

  it('refuses bad names and bodies with field paths', async () => {
    const u = await signup(s.app);
    const res = await api(s.app, {
      method: 'POST',
      url: base(u),
      token: u.accessToken,
      payload: { name: ' ' },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].path).toBe('name');
    const ds = await createDataset(u);
    const bad = await addItems(u, ds.id, [{ input: { ok: 'x' } }, { input: { 'not a name': 1 } }]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toMatch(/^items\.1\.input/);
    const nested = await addItems(u, ds.id, [{ input: { q: { deep: 1 } } }]);
    expect(nested.status).toBe(400);
    expect(nested.body.errors[0].path).toBe('items.0.input.q');
    expect(await itemRowCount(ds.id)).toBe(0);
  });
});

describe('dataset items and versions', () => {
  it('add → edit → delete each make one version, and every old version reads back exactly', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    const first = await addItems(u, ds.id, [
      { input: { q: 'one', n: 1 }, expected: 'uno', metadata: { tag: 'a' } },
      { input: { q: 'two', flag: true }, expected: 'dos' },
      { input: { q: 'three', nothing: null } },
    ]);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ added: 3, version: 1 });
    const v1 = await allItems(u, ds.id);
    expect(v1.map((i) => i.input)).toEqual([
      { q: 'one', n: 1 },
      { q: 'two', flag: true },
      { q: 'three', nothing: null },
    ]);
    expect(v1[0]).toMatchObject({ expected: 'uno', metadata: { tag: 'a' }, sourceExecutionId: null });
    expect(v1[2]).toMatchObject({ expected: null, metadata: {} });

    const second = await addItems(u, ds.id, [{ input: { q: 'four' }, expected: 'cuatro' }]);
    expect(second.body).toEqual({ added: 1, version: 2 });

    const edit = await api(s.app, {
      method: 'PATCH',
      url: `${base(u)}/${ds.id}/items/${v1[1]!.id}`,
      token: u.accessToken,
      payload: { expected: 'DOS' },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      version: 3,
      item: { id: v1[1]!.id, input: { q: 'two', flag: true }, expected: 'DOS' },
    });
    expect(edit.body.item.createdAt).toBe((v1[1] as unknown as { createdAt: string }).createdAt);

    const del = await api(s.app, {
      method: 'DELETE',
      url: `${base(u)}/${ds.id}/items/${v1[0]!.id}`,
      token: u.accessToken,
    });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ version: 4 });

    const summary = (items: { input: Record<string, unknown>; expected: string | null }[]) =>
      items.map((i) => `${String(i.input.q)}=${i.expected}`);
    expect(summary(await allItems(u, ds.id, 'version=0'))).toEqual([]);
    expect(summary(await allItems(u, ds.id, 'version=1'))).toEqual(['one=uno', 'two=dos', 'three=null']);
    expect(summary(await allItems(u, ds.id, 'version=2'))).toEqual([
      'one=uno',
      'two=dos',
      'three=null',
      'four=cuatro',
    ]);
    // The edited item keeps its place in the order.
    expect(summary(await allItems(u, ds.id, 'version=3'))).toEqual([
      'one=uno',
      'two=DOS',
      'three=null',
      'four=cuatro',
    ]);
    expect(summary(await allItems(u, ds.id, 'version=4'))).toEqual(['two=DOS', 'three=null', 'four=cuatro']);
    const current = await listItems(u, ds.id);
    expect(current.body.version).toBe(4);
    expect(summary(current.body.items)).toEqual(['two=DOS', 'three=null', 'four=cuatro']);
    expect((await listItems(u, ds.id, '?version=5')).status).toBe(404);

    const got = await api(s.app, { method: 'GET', url: `${base(u)}/${ds.id}`, token: u.accessToken });
    expect(got.body.dataset).toMatchObject({ version: 4, itemCount: 3 });

    // An item not in the current version: 404 for edit and delete, and nothing changes.
    for (const method of ['PATCH', 'DELETE'] as const) {
      const gone = await api(s.app, {
        method,
        url: `${base(u)}/${ds.id}/items/${v1[0]!.id}`,
        token: u.accessToken,
        ...(method === 'PATCH' ? { payload: { expected: 'x' } } : {}),
      });
      expect(gone.status).toBe(404);
    }
    expect(
      (await api(s.app, { method: 'GET', url: `${base(u)}/${ds.id}`, token: u.accessToken })).body.dataset
        .version,
    ).toBe(4);
    expect((await audits(u.orgId, 'dataset.items_added')).map((a) => a.details)).toEqual([
      { source: 'api', added: 3, version: 1 },
      { source: 'api', added: 1, version: 2 },
    ]);
    expect((await audits(u.orgId, 'dataset.item_updated'))[0]!.details).toEqual({
      itemId: v1[1]!.id,
      version: 3,
      fields: ['expected'],
    });
    expect(await audits(u.orgId, 'dataset.item_deleted')).toHaveLength(1);
  });

  it('pages through items in insertion order with a cursor', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    await addItems(
      u,
      ds.id,
      Array.from({ length: 25 }, (_, k) => ({ input: { k } })),
    );
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api>> = await listItems(
        u,
        ds.id,
        `?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { input: { k: number } }) => i.input.k));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, k) => k));
    expect((await listItems(u, ds.id, '?cursor=LTE')).status).toBe(400);
  });

  it('adds 10,000 items in one call as one version', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    const res = await addItems(
      u,
      ds.id,
      Array.from({ length: 10_000 }, (_, k) => ({ input: { k } })),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ added: 10_000, version: 1 });
    const tooMany = await addItems(
      u,
      ds.id,
      Array.from({ length: 10_001 }, () => ({ input: {} })),
    );
    expect(tooMany.status).toBe(400);
    const got = await api(s.app, { method: 'GET', url: `${base(u)}/${ds.id}`, token: u.accessToken });
    expect(got.body.dataset).toMatchObject({ version: 1, itemCount: 10_000 });
  });
});

describe('dataset tenancy and roles', () => {
  it("another organization's dataset and items are not found, and nothing changes", async () => {
    const owner = await signup(s.app);
    const other = await signup(s.app);
    const ds = await createDataset(owner);
    await addItems(owner, ds.id, [{ input: { q: 'secret' } }]);
    const [item] = await allItems(owner, ds.id);
    // The other organization's admin, addressing the dataset through their own organization.
    const paths = [
      ['GET', `${base(other)}/${ds.id}`],
      ['PATCH', `${base(other)}/${ds.id}`, { name: 'stolen' }],
      ['DELETE', `${base(other)}/${ds.id}`],
      ['GET', `${base(other)}/${ds.id}/items`],
      ['POST', `${base(other)}/${ds.id}/items`, { items: [{ input: { q: 'x' } }] }],
      ['PATCH', `${base(other)}/${ds.id}/items/${item!.id}`, { expected: 'x' }],
      ['DELETE', `${base(other)}/${ds.id}/items/${item!.id}`],
    ] as const;
    for (const [method, url, payload] of paths) {
      const res = await api(s.app, {
        method,
        url,
        token: other.accessToken,
        ...(payload ? { payload } : {}),
      });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.detail).not.toContain(ds.id);
    }
    const got = await api(s.app, { method: 'GET', url: `${base(owner)}/${ds.id}`, token: owner.accessToken });
    expect(got.body.dataset).toMatchObject({ name: ds.name, version: 1, itemCount: 1 });
    expect(await itemRowCount(ds.id)).toBe(1);
  });

  it('a viewer reads but cannot write; an editor and an editor key write', async () => {
    const owner = await signup(s.app);
    const viewer = await memberWithRole(s.app, owner, 'viewer');
    const editor = await memberWithRole(s.app, owner, 'editor');
    const ds = await createDataset(owner);
    await addItems(owner, ds.id, [{ input: { q: 'a' } }]);
    expect((await listItems(owner, ds.id, '', viewer.accessToken)).status).toBe(200);
    const viewerAdd = await addItems(owner, ds.id, [{ input: { q: 'b' } }], viewer.accessToken);
    expect(viewerAdd.status).toBe(403);
    const viewerCreate = await api(s.app, {
      method: 'POST',
      url: base(owner),
      token: viewer.accessToken,
      payload: { name: 'nope' },
    });
    expect(viewerCreate.status).toBe(403);
    expect((await addItems(owner, ds.id, [{ input: { q: 'c' } }], editor.accessToken)).status).toBe(201);
    const key = await apiKey(s.app, owner, 'editor');
    expect((await addItems(owner, ds.id, [{ input: { q: 'd' } }], key)).status).toBe(201);
    expect((await allItems(owner, ds.id)).map((i) => i.input.q)).toEqual(['a', 'c', 'd']);
  });
});
