import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiKey, apiStatus, signup, startTestServer, type Session, type TestServer } from './harness.js';

/**
 * Every API route, read from the live OpenAPI spec, called as the admin of a real organization
 * with bodies, queries and path parameters generated from its schemas — mostly plausible values,
 * mixed with hostile ones (NUL, unpaired surrogates, huge numbers, over-long strings, wrong
 * types, missing fields). Whatever comes in, the answer is never a 5xx.
 */

type Schema = Record<string, any>;
let s: TestServer;
let admin: Session;
/** The OpenAI-compatible routes take an organization API key only. */
let adminKey: string;
let spec: Schema;
/** Real ids of this organization, so that generated requests also reach existing resources. */
const knownIds: string[] = [];
const knownNames = ['fuzz/base', 'fuzz', 'production', 'latest'];
let modelId: string;

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 16);
// A failure prints its seed; FUZZ_SEED=<seed> replays the same inputs.
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app, 'Fuzz Org');
  const provider = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/providers`,
    token: admin.accessToken,
    payload: { name: 'Mock', type: 'mock' },
  });
  const models = await api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${admin.orgId}/models`,
    token: admin.accessToken,
  });
  modelId = models.body.items[0].id;
  const prompt = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/prompts`,
    token: admin.accessToken,
    payload: { name: 'fuzz/base', template: 'Hello {{name}}', modelId },
  });
  const run = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/executions`,
    token: admin.accessToken,
    payload: { modelId, prompt: { name: 'fuzz/base' }, variables: { name: 'x' } },
  });
  await apiKey(s.app, admin, 'viewer');
  adminKey = await apiKey(s.app, admin, 'admin');
  const keys = await api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${admin.orgId}/api-keys`,
    token: admin.accessToken,
  });
  const invite = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/members`,
    token: admin.accessToken,
    payload: { email: 'fuzz-invitee@example.test', role: 'viewer' },
  });
  const dataset = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/datasets`,
    token: admin.accessToken,
    payload: { name: 'fuzz' },
  });
  await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/datasets/${dataset.body.dataset.id}/items`,
    token: admin.accessToken,
    payload: { items: [{ input: { name: 'x' }, expected: 'y' }] },
  });
  const items = await api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${admin.orgId}/datasets/${dataset.body.dataset.id}/items`,
    token: admin.accessToken,
  });
  knownIds.push(
    dataset.body.dataset.id,
    items.body.items[0].id,
    admin.orgId,
    admin.userId,
    provider.body.id,
    modelId,
    prompt.body.id,
    run.body.execution.id,
    keys.body.items[0].id,
    invite.body.invitation?.id ?? admin.userId,
  );
  spec = (await api(s.app, { method: 'GET', url: '/api/openapi.json' })).body;
}, 120_000);
afterAll(async () => s?.close());

const HOSTILE_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '😀'.repeat(3),
  '\u202Eevil',
  "' OR 1=1 --",
  '../../../etc/passwd',
  '%00',
  '{{a}}'.repeat(50),
  '<script>alert(1)</script>',
  '99999999999999999999',
  '-1',
  'NaN',
  'null',
  ' ',
  '\n\r\t',
  '=cmd|" /C calc"!A0',
  'ZmFrZQ',
];
const HOSTILE_NUMBERS = [0, -1, 0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, 99999999999];
const hostileScalar = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(true, false, null),
  fc.constant([]),
  fc.constant({}),
);

function resolve(schema: Schema): Schema {
  if (schema?.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return resolve(spec.components.schemas[name]);
  }
  return schema ?? {};
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const max = Math.min(schema.maxLength ?? 40, 40);
  const min = Math.min(schema.minLength ?? 0, max);
  const options: fc.Arbitrary<string>[] = [fc.string({ minLength: min, maxLength: max, unit: 'grapheme' })];
  if (schema.format === 'uuid') options.push(fc.constantFrom(...knownIds), fc.uuid());
  if (schema.format === 'email') options.push(fc.emailAddress());
  if (schema.format === 'date-time')
    options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  if (schema.format === 'uri') options.push(fc.webUrl());
  if (schema.pattern && schema.format !== 'uuid') {
    try {
      options.push(
        fc.stringMatching(new RegExp(schema.pattern)).filter((v) => v.length <= (schema.maxLength ?? 1e9)),
      );
    } catch {
      // A pattern fast-check cannot generate from: plain strings still cover the route.
    }
  }
  if (schema.maxLength && schema.maxLength <= 200_000)
    options.push(fc.constant('x'.repeat(schema.maxLength + 1)));
  return fc.oneof(...options);
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1_000_000;
  const max = schema.maximum ?? 1_000_000;
  const inRange = integer
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) })
    : fc.double({ min, max, noNaN: true });
  return fc.oneof(
    { weight: 4, arbitrary: inRange },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  );
}

/** A value for a JSON schema: mostly valid-looking, sometimes hostile at any depth. */
function valueFor(raw: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  const plausible = plausibleFor(schema, depth);
  return fc.oneof({ weight: 12, arbitrary: plausible }, { weight: 1, arbitrary: hostileScalar });
}

/** Replaces the n-th string value in a request with a hostile one. */
function mutateNthString(value: unknown, n: number, replacement: string): unknown {
  let total = 0;
  const count = (v: unknown): void => {
    if (typeof v === 'string') total++;
    else if (Array.isArray(v)) v.forEach(count);
    else if (v && typeof v === 'object') Object.values(v).forEach(count);
  };
  count(value);
  if (total === 0) return value;
  const target = n % total;
  let seen = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return seen++ === target ? replacement : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}

function plausibleFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alt: Schema) => valueFor(alt, depth + 1)));
  if (schema.allOf) return valueFor(Object.assign({}, ...schema.allOf.map(resolve)), depth + 1);
  const type = Array.isArray(schema.type)
    ? schema.type
    : [schema.type ?? (schema.properties ? 'object' : 'string')];
  return fc.oneof(
    ...type.map((t: string): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'string':
          return stringArbitrary(schema);
        case 'integer':
          return numberArbitrary(schema, true);
        case 'number':
          return numberArbitrary(schema, false);
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(valueFor(schema.items ?? {}, depth + 1), {
            maxLength: Math.min(schema.maxItems ?? 4, 4),
          });
        case 'object':
          return objectFor(schema, depth);
        default:
          return hostileScalar;
      }
    }),
  );
}

function objectFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const properties: Record<string, Schema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(properties)) record[key] = valueFor(prop, depth + 1);
  // Required keys are usually present (optional ones sometimes); now and then any key may be missing.
  const requiredKeys = [...required].filter((key) => key in record);
  const known = fc.oneof(
    { weight: 5, arbitrary: fc.record(record, { requiredKeys }) },
    { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
  );
  const extra =
    schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? fc.dictionary(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.constantFrom('__proto__', 'constructor', 'a\u0000', '\uD800'),
          ),
          valueFor(schema.additionalProperties, depth + 1),
          { maxKeys: 3 },
        )
      : fc.constant({});
  return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
}

function pathParamFor(name: string): fc.Arbitrary<string> {
  const hostile = fc.constantFrom(...HOSTILE_STRINGS.filter(Boolean), '%E0%A4%A', 'a%2Fb', '..');
  if (name === 'orgId')
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant(admin.orgId) },
      { weight: 1, arbitrary: hostile.map(encodeURIComponent) },
      { weight: 1, arbitrary: fc.uuid() },
    );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...knownIds) },
    { weight: 2, arbitrary: fc.constantFrom(...knownNames).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostile.map((v) => (v.startsWith('%') ? v : encodeURIComponent(v))) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent) },
  );
}

interface Operation {
  method: string;
  path: string;
  op: Schema;
}

function operations(): Operation[] {
  const order = ['get', 'post', 'put', 'patch', 'delete'];
  const all: Operation[] = [];
  for (const [path, ops] of Object.entries<Schema>(spec.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries<Schema>(ops)) all.push({ method, path, op });
  }
  // Deletions last, so they don't remove what the other routes are called with.
  return all.sort((a, b) => order.indexOf(a.method) - order.indexOf(b.method));
}

/** A GET that answers only with an event stream that never ends (the change feed). */
function endless({ method, op }: Operation): boolean {
  const types = Object.keys(op.responses?.['200']?.content ?? {});
  return method === 'get' && types.length > 0 && types.every((t) => t === 'text/event-stream');
}

function requestFor({ path, op }: Operation) {
  const params: Schema[] = op.parameters ?? [];
  const pathParams = Object.fromEntries(
    params.filter((p) => p.in === 'path').map((p) => [p.name, pathParamFor(p.name)]),
  );
  const queryParams = Object.fromEntries(
    params
      .filter((p) => p.in === 'query')
      .map((p) => [p.name, fc.oneof(valueFor(p.schema ?? {}), fc.constantFrom(...HOSTILE_STRINGS))]),
  );
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const plain = fc.record({
    path: fc.record(pathParams),
    query: fc.record(queryParams, { requiredKeys: [] }),
    body: bodySchema ? valueFor(bodySchema) : fc.constant(undefined),
  });
  // Half the requests are plausible ones with exactly one string turned hostile, so the hostile
  // value gets past the other fields' validation and reaches the code behind it.
  const mutated = fc
    .tuple(plain, fc.nat(), fc.constantFrom(...HOSTILE_STRINGS))
    .map(([request, n, hostile]) => {
      const both = mutateNthString({ q: request.query, b: request.body }, n, hostile) as {
        q: Record<string, unknown>;
        b: unknown;
      };
      return { ...request, query: both.q, body: both.b };
    });
  return fc.oneof(plain, mutated).map(({ path: values, query, body }) => {
    let url = path;
    for (const [name, value] of Object.entries(values)) url = url.replace(`{${name}}`, value as string);
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    const qs = search.toString();
    return { url: qs ? `${url}?${qs}` : url, body };
  });
}

describe('fuzzing every route from the OpenAPI spec', () => {
  it('covers every /api/v1 route the app registers', () => {
    const inSpec = new Set(operations().map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const registered = s.app.apiRoutes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    for (const route of registered) expect(inSpec, route).toContain(route);
  });

  it('never answers 5xx, whatever the input', async () => {
    const failures: string[] = [];
    const seen = new Map<number, number>();
    for (const operation of operations()) {
      await fc
        .assert(
          fc.asyncProperty(requestFor(operation), async ({ url, body }) => {
            const res = await (endless(operation) ? apiStatus : api)(s.app, {
              method: operation.method.toUpperCase() as never,
              url,
              token: operation.path.startsWith('/api/v1/openai/') ? adminKey : admin.accessToken,
              ...(body !== undefined ? { payload: body as object } : {}),
            });
            seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
            // A 503 the route documents is a feature switched off by configuration (e.g. email
            // without SMTP settings): an answer the caller can act on, not a crash.
            const documented503 = res.status === 503 && '503' in (operation.op.responses ?? {});
            if (res.status >= 500 && !documented503) {
              failures.push(
                `${operation.method.toUpperCase()} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${res.status}`,
              );
            }
            return res.status < 500 || documented503;
          }),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true, seed: SEED },
        )
        .catch(() => undefined);
    }
    console.log('fuzz statuses', Object.fromEntries([...seen].sort(([a], [b]) => a - b)));
    // The generated inputs reach the handlers, not only the validators.
    expect([...seen.keys()].filter((status) => status < 300).length).toBeGreaterThan(0);
    expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);
  }, 300_000);

  it('never answers 5xx to hostile YAML imports', async () => {
    const yamlBodies = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'format: promptops.prompts/v1\nprompts: [{name: "a\\0b", type: text, versions: [{version: 1, template: "x"}]}]',
        'format: promptops.prompts/v1\nprompts: [{name: ok, type: text, versions: [{version: 99999999999, template: "x"}]}]',
        '!!binary AAAA',
        '? [a, b]\n: c',
        '<<: *missing',
        '- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x',
      ),
    );
    await fc.assert(
      fc.asyncProperty(yamlBodies, async (payload) => {
        const res = await api(s.app, {
          method: 'POST',
          url: `/api/v1/orgs/${admin.orgId}/prompts-import`,
          token: admin.accessToken,
          headers: { 'content-type': 'application/yaml' },
          payload,
        });
        expect(res.status, `${payload} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }),
      { numRuns: 30, seed: SEED },
    );
  });
});
