import { Readable } from 'node:stream';
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
  return res.body.items as {
    id: string;
    input: Record<string, unknown>;
    expected: string | null;
    metadata: Record<string, unknown>;
  }[];
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

function importFile(
  u: Session,
  id: string,
  body: string | Buffer | Readable,
  query = 'format=csv',
  contentType = query.includes('jsonl') ? 'application/x-ndjson' : 'text/csv',
) {
  return api(s.app, {
    method: 'POST',
    url: `${base(u)}/${id}/import?${query}`,
    token: u.accessToken,
    payload: body,
    headers: { 'content-type': contentType },
  });
}
async function versionOf(u: Session, id: string) {
  const res = await api(s.app, { method: 'GET', url: `${base(u)}/${id}`, token: u.accessToken });
  return res.body.dataset as { version: number; itemCount: number };
}

describe('importing CSV', () => {
  it('reads quotes, embedded commas, quotes and newlines, a BOM, CRLF, empty cells and unicode', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    const csv =
      '\uFEFFquestion,context,answer\r\n' +
      '"Hello, world","She said ""hi""",greeting\r\n' +
      '"two\r\nlines","a\nb",\r\n' +
      ',,\r\n' +
      'Zoë 😀,Kraków ✓,"日本語"\r\n' +
      'last,no final line break,"x"';
    const res = await importFile(u, ds.id, Buffer.from(csv, 'utf8'), 'format=csv&expectedColumn=answer');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ added: 5, version: 1 });
    const items = await allItems(u, ds.id);
    expect(items.map((i) => [i.input, i.expected])).toEqual([
      [{ question: 'Hello, world', context: 'She said "hi"' }, 'greeting'],
      [{ question: 'two\r\nlines', context: 'a\nb' }, ''],
      [{ question: '', context: '' }, ''],
      [{ question: 'Zoë 😀', context: 'Kraków ✓' }, '日本語'],
      [{ question: 'last', context: 'no final line break' }, 'x'],
    ]);
    expect((await audits(u.orgId, 'dataset.items_added'))[0]!.details).toEqual({
      source: 'import',
      format: 'csv',
      added: 5,
      version: 1,
    });
    // Without the expected column, every column is an input and expected is null.
    const other = await createDataset(u);
    await importFile(u, other.id, 'a,b\n1,2\n');
    expect((await allItems(u, other.id)).map((i) => [i.input, i.expected])).toEqual([
      [{ a: '1', b: '2' }, null],
    ]);
  });

  it('a bad row in the middle names its line and column and adds nothing', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    await addItems(u, ds.id, [{ input: { q: 'kept' } }]);
    const rows = Array.from({ length: 2000 }, (_, k) => `q${k},a${k}`);
    const tooMany = [...rows];
    tooMany[1499] = 'q,a,extra';
    const res = await importFile(u, ds.id, `q,expected\n${tooMany.join('\n')}\n`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].path).toBe('line 1501');
    expect(res.body.detail).toMatch(/Expected 2 fields \(q, expected\), found 3/);

    const tooFew = [...rows];
    tooFew[6] = 'only one';
    const few = await importFile(u, ds.id, `q,expected\n${tooFew.join('\n')}\n`);
    expect(few.status).toBe(400);
    expect(few.body.errors[0].path).toBe('line 8');

    const nul = [...rows];
    nul[5] = 'fine,"bad\u0000value"';
    const badValue = await importFile(
      u,
      ds.id,
      `q,answer\n${nul.join('\n')}\n`,
      'format=csv&expectedColumn=answer',
    );
    expect(badValue.status).toBe(400);
    expect(badValue.body.errors[0].path).toBe('line 7, column "answer"');
    expect(badValue.body.detail).toMatch(/NUL/);

    const unterminated = await importFile(u, ds.id, 'q,expected\nfine,ok\n"open,never closed\nmore\n');
    expect(unterminated.status).toBe(400);
    expect(unterminated.body.errors[0].path).toBe('line 3');
    expect(unterminated.body.detail).toMatch(/unterminated quote/);

    expect(await versionOf(u, ds.id)).toMatchObject({ version: 1, itemCount: 1 });
    expect(await itemRowCount(ds.id)).toBe(1);
    expect(await audits(u.orgId, 'dataset.items_added')).toHaveLength(1);
  });

  it('refuses a duplicate, empty or invalid header, an empty file and the wrong media type', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    const cases: [string, string][] = [
      ['a,b,a\n1,2,3\n', 'line 1, column "a"'],
      ['a,,b\n1,2,3\n', 'line 1, column 2'],
      ['a,first name\n1,2\n', 'line 1, column "first name"'],
      ['', 'line 1'],
    ];
    for (const [body, path] of cases) {
      const res = await importFile(u, ds.id, body);
      expect(res.status, body).toBe(400);
      expect(res.body.errors[0].path).toBe(path);
    }
    const headerOnly = await importFile(u, ds.id, 'a,b\n');
    expect(headerOnly.status).toBe(400);
    expect(headerOnly.body.detail).toMatch(/no rows/);
    const wrongType = await importFile(u, ds.id, '{"a":1}', 'format=csv', 'application/json');
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers['content-type']).toContain('application/problem+json');
    const badUtf8 = await importFile(u, ds.id, Buffer.from([0x61, 0x0a, 0xc3, 0x28, 0x0a]));
    expect(badUtf8.status).toBe(400);
    expect(badUtf8.body.errors[0].path).toBe('line 2');
    expect(await versionOf(u, ds.id)).toMatchObject({ version: 0, itemCount: 0 });
  });

  it('refuses more than 100,000 rows and more than 50 MB with 413, adding nothing', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    const rows = Readable.from(
      (function* () {
        yield 'q\n';
        for (let k = 0; k < 100_001; k += 1000)
          yield Array.from({ length: 1000 }, (_, j) => `r${k + j}\n`).join('');
      })(),
    );
    const res = await importFile(u, ds.id, rows);
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/more than 100000 rows/);
    const big = Readable.from(
      (function* () {
        yield 'q\n';
        const row = `${'x'.repeat(60_000)}\n`;
        for (let k = 0; k < 900; k++) yield row;
      })(),
    );
    const tooLarge = await importFile(u, ds.id, big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.detail).toMatch(/larger than 52428800 bytes/);
    expect(await versionOf(u, ds.id)).toMatchObject({ version: 0, itemCount: 0 });
  });
});

describe('importing JSON Lines', () => {
  it('adds one item per line and names the line and field of a bad one', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    const good = [
      { input: { q: 'a', n: 1.5, yes: true, none: null }, expected: 'x', metadata: { tags: ['t'] } },
      { input: { q: 'b' } },
    ];
    const ok = await importFile(
      u,
      ds.id,
      `${good.map((g) => JSON.stringify(g)).join('\r\n')}\r\n\n`,
      'format=jsonl',
      'application/jsonl',
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ added: 2, version: 1 });
    expect((await allItems(u, ds.id)).map((i) => [i.input, i.expected, i.metadata])).toEqual([
      [good[0]!.input, 'x', { tags: ['t'] }],
      [{ q: 'b' }, null, {}],
    ]);
    const line = JSON.stringify(good[1]);
    const cases: [string, string, RegExp][] = [
      [`${line}\n{"input": {"q": "x"}\n`, 'line 2', /Not valid JSON/],
      [`${line}\n${line}\n[1, 2]\n`, 'line 3', /JSON object/],
      [`${line}\n{"input": {"q": {"nested": 1}}}\n`, 'line 2, input.q', /./],
      [`${line}\n{"input": {"q": "x"}, "expected": 5}\n`, 'line 2, expected', /./],
      [`{"input": {"q": "a\\u0000b"}}\n`, 'line 1, input.q', /NUL/],
      [`${line}\n{"expected": "no input"}\n`, 'line 2, input', /./],
    ];
    for (const [body, path, detail] of cases) {
      const res = await importFile(u, ds.id, body, 'format=jsonl');
      expect(res.status, body).toBe(400);
      expect(res.body.errors[0].path, body).toBe(path);
      expect(res.body.detail).toMatch(detail);
    }
    expect(await versionOf(u, ds.id)).toMatchObject({ version: 1, itemCount: 2 });
  });
});

describe('exporting', () => {
  it('streams CSV with the union of variables in first-seen order, then expected, RFC 4180 quoted', async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u, 'Support Q&A');
    await addItems(u, ds.id, [
      { input: { q: 'Hello, "world"', n: 1 }, expected: 'line\nbreak' },
      { input: { q: 'b', extra: true }, expected: null },
      { input: { nothing: null } },
    ]);
    const res = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/${ds.id}/export?format=csv`,
      token: u.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="Support-Q-A-v1.csv"');
    // Keys within one item come in the order the database stores them (shorter names first).
    expect(res.raw.body).toBe(
      'n,q,extra,nothing,expected\r\n' +
        '1,"Hello, ""world""",,,"line\nbreak"\r\n' +
        ',b,true,,\r\n' +
        '"",,,,\r\n',
    );
    const old = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/${ds.id}/export?format=jsonl&version=0`,
      token: u.accessToken,
    });
    expect(old.status).toBe(200);
    expect(old.raw.body).toBe('');
    const missing = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/${ds.id}/export?format=csv&version=9`,
      token: u.accessToken,
    });
    expect(missing.status).toBe(404);
  });

  it('export → import round trips equal, in JSON Lines exactly and in CSV as text', async () => {
    const u = await signup(s.app);
    const source = await createDataset(u);
    const items = Array.from({ length: 2500 }, (_, k) => ({
      input: {
        question: `Q${k}, "quoted"\nnext line`,
        lang: k % 2 ? 'fr' : 'zoë 😀',
        n: k,
        flag: k % 3 === 0,
      },
      expected: k % 5 === 0 ? null : `A${k}`,
      metadata: { k, tags: ['x', k] },
    }));
    await addItems(u, source.id, items);
    const jsonl = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/${source.id}/export?format=jsonl`,
      token: u.accessToken,
    });
    expect(jsonl.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const copy = await createDataset(u);
    const imported = await importFile(u, copy.id, jsonl.raw.body, 'format=jsonl');
    expect(imported.body).toEqual({ added: 2500, version: 1 });
    const strip = (list: { input: unknown; expected: unknown; metadata?: unknown }[]) =>
      list.map(({ input, expected, metadata }) => ({ input, expected, metadata }));
    const original = await allPages(u, source.id);
    expect(strip(await allPages(u, copy.id))).toEqual(strip(original));
    expect(strip(original)).toEqual(items.map((i) => ({ ...i, expected: i.expected })));

    const csv = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/${source.id}/export?format=csv`,
      token: u.accessToken,
    });
    const csvCopy = await createDataset(u);
    expect((await importFile(u, csvCopy.id, csv.raw.body)).status).toBe(201);
    const asText = (v: unknown) => (v === null ? '' : String(v));
    expect((await allPages(u, csvCopy.id)).map((i) => [i.input, i.expected])).toEqual(
      items.map((i) => [
        Object.fromEntries(Object.entries(i.input).map(([k, v]) => [k, asText(v)])),
        asText(i.expected),
      ]),
    );
  });
});

async function allPages(u: Session, id: string) {
  const out: { input: Record<string, unknown>; expected: string | null; metadata: unknown }[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof api>> = await listItems(
      u,
      id,
      `?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
    );
    out.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

describe('items from executions', () => {
  async function runPrompt(u: Session, variables: Record<string, unknown>) {
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${u.orgId}/executions`,
      token: u.accessToken,
      payload: { modelId: await mockModel(u), prompt: { name: 'greet' }, variables },
    });
    expect(res.status).toBe(201);
    return res.body.execution as { id: string; output: string; promptVersion: number; model: string };
  }
  const models = new Map<string, string>();
  async function mockModel(u: Session) {
    if (!models.has(u.orgId)) {
      await api(s.app, {
        method: 'POST',
        url: `/api/v1/orgs/${u.orgId}/providers`,
        token: u.accessToken,
        payload: { name: 'Mock', type: 'mock' },
      });
      const list = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${u.orgId}/models`,
        token: u.accessToken,
      });
      models.set(u.orgId, list.body.items[0].id);
      await api(s.app, {
        method: 'POST',
        url: `/api/v1/orgs/${u.orgId}/prompts`,
        token: u.accessToken,
        payload: { name: 'greet', template: 'Say hello to {{name}} in {{lang}}' },
      });
    }
    return models.get(u.orgId)!;
  }

  it("makes one item per run from its variables and output, in one version; another org's run is 404", async () => {
    const u = await signup(s.app);
    const ds = await createDataset(u);
    const a = await runPrompt(u, { name: 'Ada', lang: 'fr' });
    const b = await runPrompt(u, { name: 'Bo', lang: 'de' });
    const res = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/${ds.id}/items-from-executions`,
      token: u.accessToken,
      payload: { executionIds: [b.id, a.id, b.id] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ added: 2, version: 1 });
    const items = await allItems(u, ds.id);
    expect(items.map((i) => ({ ...i, id: undefined, createdAt: undefined }))).toEqual([
      {
        input: { name: 'Bo', lang: 'de' },
        expected: b.output,
        metadata: { promptName: 'greet', promptVersion: 1, model: b.model },
        sourceExecutionId: b.id,
        id: undefined,
        createdAt: undefined,
      },
      {
        input: { name: 'Ada', lang: 'fr' },
        expected: a.output,
        metadata: { promptName: 'greet', promptVersion: 1, model: a.model },
        sourceExecutionId: a.id,
        id: undefined,
        createdAt: undefined,
      },
    ]);
    expect(b.output.length).toBeGreaterThan(0);

    const other = await signup(s.app);
    const foreignRun = await runPrompt(other, { name: 'Eve', lang: 'en' });
    const foreign = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/${ds.id}/items-from-executions`,
      token: u.accessToken,
      payload: { executionIds: [a.id, foreignRun.id] },
    });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain(foreignRun.id);
    expect(JSON.stringify(foreign.body)).not.toContain(a.id);

    await sql(s.ctx, "UPDATE executions SET status = 'failed' WHERE id = $1", [a.id]);
    const failed = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/${ds.id}/items-from-executions`,
      token: u.accessToken,
      payload: { executionIds: [b.id, a.id] },
    });
    expect(failed.status).toBe(400);
    expect(failed.body.errors[0]).toMatchObject({ path: 'executionIds.1' });
    expect(await versionOf(u, ds.id)).toMatchObject({ version: 1, itemCount: 2 });
    expect((await audits(u.orgId, 'dataset.items_added'))[0]!.details).toEqual({
      source: 'executions',
      executionIds: 2,
      added: 2,
      version: 1,
    });
  });
});
