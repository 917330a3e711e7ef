import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Document = { components?: { schemas?: Record<string, Json> } } & Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
const INPUT_SUFFIX = 'Input';

/**
 * The zod provider documents every named schema twice, as it is read (`XInput`) and as it is
 * written (`X`), because defaults and transforms can make the two differ. Where they don't, the
 * copy only doubles the spec and the generated client's types; this keeps `XInput` only where
 * it really differs from `X`. The written form closes objects (`additionalProperties: false`)
 * and the read form doesn't, since unknown keys are stripped on input; that alone is not a
 * difference worth a second schema, so the closed form is kept.
 */
export function collapseIdenticalInputSchemas<T extends Document>(doc: T): T {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  let same = new Set(
    Object.keys(schemas)
      .filter((name) => name.endsWith(INPUT_SUFFIX) && baseName(name) in schemas)
      .map(baseName),
  );
  // Greatest fixpoint: assume every pair is identical, drop those that differ once their
  // references are read as collapsed, until nothing changes (handles schemas that refer to each other).
  for (;;) {
    const next = new Set(
      [...same].filter(
        (base) =>
          canonical(rewriteRefs(schemas[`${base}${INPUT_SUFFIX}`]!, same)) ===
          canonical(rewriteRefs(schemas[base]!, same)),
      ),
    );
    if (next.size === same.size) break;
    same = next;
  }
  for (const base of same) delete schemas[`${base}${INPUT_SUFFIX}`];
  return rewriteRefs(doc as unknown as Json, same) as unknown as T;
}

/** The spec transform for @fastify/swagger: the zod provider's, then the collapse above. */
export const transformOpenApiDocument: typeof jsonSchemaTransformObject = (input) =>
  collapseIdenticalInputSchemas(jsonSchemaTransformObject(input) as Document) as ReturnType<
    typeof jsonSchemaTransformObject
  >;

function baseName(inputName: string): string {
  return inputName.slice(0, -INPUT_SUFFIX.length);
}

function rewriteRefs(value: Json, collapsed: Set<string>): Json {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, collapsed));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX) && v.endsWith(INPUT_SUFFIX)) {
      const base = baseName(v.slice(REF_PREFIX.length));
      out[key] = collapsed.has(base) ? `${REF_PREFIX}${base}` : v;
    } else {
      out[key] = rewriteRefs(v, collapsed);
    }
  }
  return out;
}

/** JSON with object keys sorted and objects' closedness ignored (see above). */
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.keys(value)
    .filter((k) => !(k === 'additionalProperties' && value[k] === false))
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`)
    .join(',')}}`;
}
