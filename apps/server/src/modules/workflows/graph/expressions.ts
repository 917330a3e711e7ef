import {
  CelScalar,
  celEnv,
  celFunc,
  celType,
  isCelError,
  isCelList,
  isCelMap,
  isCelType,
  isCelUint,
  parse,
  plan,
  unparse,
  type CelError,
  type CelInput,
  type CelValue,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/**
 * CEL (Common Expression Language) for workflow conditions and loop `until`s: parsed and planned
 * once per source text, then evaluated against the run's state. Never JavaScript `eval`.
 *
 * Values going in: the state is JSON, and JSON has one number type while CEL has two. A number
 * that is a whole, safe integer becomes a CEL `int`, any other number a `double`. So counters and
 * indexes behave as integers (`loop1.iteration + 1 == 3`, `input.n % 2 == 0`, `input.items[0]`)
 * and comparisons work across the two (`input.n > 3`, `input.score >= 0.5` for either kind).
 * Mixed arithmetic does not (`input.price * 1.1` fails when price is a whole number): write
 * `double(input.price) * 1.1`. Objects are maps, arrays are lists, `undefined` keys are absent.
 *
 * Values coming out are plain JSON-able values: `int`/`uint` become numbers (a decimal string past
 * 2^53, so no digit is lost), maps become objects, lists arrays, bytes a base64 string, types
 * their name, timestamps an ISO string and durations `"1.5s"`.
 *
 * Besides the standard functions, the strings extension is on (`lowerAscii()`, `trim()`,
 * `split()`, `replace()`, `indexOf()`, …), e.g. `classify.output.trim().lowerAscii() == "billing"`.
 */

/** A syntax, name or evaluation problem, with a message meant for the person who wrote the expression. */
export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/**
 * Most comprehension steps (`all`, `exists`, `map`, `filter` iterations, nested ones counted
 * together) one evaluation may take. CEL always terminates, but `x.all(a, x.exists(b, …))` over a
 * large list is quadratic; this keeps one expression to a fraction of a second.
 */
export const MAX_EXPRESSION_STEPS = 100_000;

// The step counter of the evaluation in progress. Evaluation is synchronous, so one is enough.
const budget = { steps: 0, exceeded: false };
// Wraps every comprehension's loop condition (see withStepBudget). The `@` keeps it out of reach
// of expression authors: no CEL identifier starts with one.
const STEP_FUNCTION = '@workflow_step';
const stepFunction = celFunc(STEP_FUNCTION, [CelScalar.DYN], CelScalar.DYN, (condition) => {
  if (++budget.steps <= MAX_EXPRESSION_STEPS) return condition;
  // False ends every loop at once; run() then reports the overrun instead of the result.
  budget.exceeded = true;
  return false;
});

const ENV = celEnv({ funcs: [...strings, stepFunction] });

type ParsedExpr = ReturnType<typeof parse>;
type Expr = ParsedExpr['expr'];
type Evaluate = ReturnType<typeof plan>;

/** Longest expression text compiled (graph data allows 4,000 characters). */
export const MAX_EXPRESSION_LENGTH = 10_000;

/** Identifiers CEL resolves by itself: type names, usable as `type(x) == string`. */
const BUILTIN_IDENTIFIERS = new Set([
  'bool',
  'bytes',
  'double',
  'int',
  'uint',
  'string',
  'list',
  'map',
  'null_type',
  'type',
  'google',
]);
/** Calls the planner handles itself (they are not in the function registry). */
const SPECIAL_CALLS = new Set([
  '_&&_',
  '_||_',
  '_?_:_',
  '_[_]',
  '_[?_]',
  '_?._',
  '@not_strictly_false',
  '__not_strictly_false__',
]);

/** A parsed and planned expression; build one with compileExpression. */
export class CompiledExpression {
  /** @internal */
  constructor(
    readonly source: string,
    /** The state keys the expression reads (`input`, node ids), in order of appearance. */
    readonly identifiers: readonly string[],
    private readonly parsed: ParsedExpr,
    private readonly evaluate: Evaluate,
  ) {}

  /** @internal The raw CEL result; evaluateExpression and evaluateCondition wrap it. */
  run(state: Readonly<Record<string, unknown>>): CelValue {
    // No prototype: the evaluator looks unbound names up on this object, and `constructor`
    // must not find Object's.
    const bindings = Object.create(null) as Record<string, CelInput>;
    for (const name of this.identifiers) {
      // Own keys only: a node id like `constructor` must not read Object.prototype.
      if (Object.prototype.hasOwnProperty.call(state, name) && state[name] !== undefined)
        bindings[name] = toCel(state[name], 0);
    }
    let result: CelValue | CelError;
    budget.steps = 0;
    budget.exceeded = false;
    try {
      result = this.evaluate(bindings);
    } catch (e) {
      throw new ExpressionError(e instanceof Error ? e.message : String(e));
    }
    if (budget.exceeded)
      throw new ExpressionError(
        `The expression took more than ${MAX_EXPRESSION_STEPS.toLocaleString('en-US')} steps over lists or maps: iterate over fewer items`,
      );
    if (isCelError(result)) throw new ExpressionError(this.describeError(result));
    return result;
  }

  private describeError(error: CelError): string {
    const at = error.exprId === undefined ? undefined : findExpr(this.parsed.expr, error.exprId);
    if (error.message === 'unresolved attribute' && at) {
      const root = rootIdentifier(at);
      if (root !== undefined)
        return `"${root}" has no value: ${root === 'input' ? 'the run has no input' : `the node ${root} has not run`}`;
    }
    let message = error.message.replace(/^field not found: (.*)$/s, 'no key "$1"');
    if (/\bint\b/.test(message) && /\bdouble\b/.test(message) && message.includes('overload'))
      message += ' (whole numbers are int, others double: convert one side with double() or int())';
    // Index errors point at the list rather than the index and quote a wrong range: show the
    // whole expression and drop the range.
    const indexError = /^index (.*) out of bounds/.exec(message);
    if (indexError) return `${shorten(this.source)}: index ${indexError[1]} is out of range`;
    return `${shorten(at ? unparse(at) : this.source)}: ${message}`;
  }
}

interface CacheEntry {
  failure?: string;
  compiled?: CompiledExpression;
}

/** Compiled expressions by source; the same text compiles to the same plan whatever the graph. */
const cache = new Map<string, CacheEntry>();
const CACHE_SIZE = 5_000;

function compileSource(source: string): CacheEntry {
  const cached = cache.get(source);
  if (cached) return cached;
  const entry = buildEntry(source);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, entry);
  return entry;
}

function buildEntry(source: string): CacheEntry {
  if (source.trim() === '') return { failure: 'The expression is empty' };
  if (source.length > MAX_EXPRESSION_LENGTH)
    return {
      failure: `The expression is longer than ${MAX_EXPRESSION_LENGTH.toLocaleString('en-US')} characters`,
    };
  let parsed: ParsedExpr;
  try {
    parsed = parse(source);
  } catch (e) {
    return { failure: syntaxMessage(source, e instanceof Error ? e.message : String(e)) };
  }
  const scan = scanExpr(parsed.expr);
  if (scan.unknownFunctions.length)
    return {
      failure: `Unknown function${scan.unknownFunctions.length > 1 ? 's' : ''}: ${scan.unknownFunctions.join(', ')}`,
    };
  let evaluate: Evaluate;
  try {
    evaluate = plan(ENV, withStepBudget(parsed));
  } catch (e) {
    return { failure: e instanceof Error ? e.message : String(e) };
  }
  return { compiled: new CompiledExpression(source, scan.identifiers, parsed, evaluate) };
}

/** `<input>:1:9: found > but …` → `Syntax error at column 9: found > but …`. */
function syntaxMessage(source: string, raw: string): string {
  const match = /^<input>:(\d+):(\d+): (.*)$/s.exec(raw);
  if (!match) return `Syntax error: ${raw}`;
  const [, line, column, rest] = match;
  const where = line === '1' ? `column ${column}` : `line ${line}, column ${column}`;
  if (rest === 'reserved identifier') {
    const lineText = source.split('\n')[Number(line) - 1] ?? '';
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(lineText.slice(Number(column) - 1))?.[0];
    if (word) return `Syntax error at ${where}: "${word}" is a reserved word in CEL`;
  }
  return `Syntax error at ${where}: ${rest}`;
}

/**
 * Compiles an expression for a scope of names (`input` and the graph's node ids). Syntax errors,
 * unknown functions and names outside the scope are reported here; a name in scope that has no
 * value when the expression runs (a node that has not run) fails at run time.
 */
export function compileExpression(
  source: string,
  names: readonly string[] | ReadonlySet<string>,
): { ok: true; expression: CompiledExpression } | { ok: false; message: string } {
  const entry = compileSource(source);
  if (!entry.compiled) return { ok: false, message: entry.failure! };
  const scope: ReadonlySet<string> = names instanceof Set ? names : new Set(names);
  const unknown = entry.compiled.identifiers.filter((n) => !scope.has(n) && !BUILTIN_IDENTIFIERS.has(n));
  if (unknown.length) {
    const known = [...scope];
    const listed = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ');
    return {
      ok: false,
      message: `Unknown name${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}: use input or a node id${known.length ? ` (${listed})` : ''}`,
    };
  }
  return { ok: true, expression: entry.compiled };
}

/** Evaluates against the state; a plain JSON-able value, or an ExpressionError. */
export function evaluateExpression(
  expr: CompiledExpression,
  state: Readonly<Record<string, unknown>>,
): unknown {
  return fromCel(expr.run(state));
}

/** Evaluates a condition; anything but a bool is an ExpressionError. */
export function evaluateCondition(
  expr: CompiledExpression,
  state: Readonly<Record<string, unknown>>,
): boolean {
  const value = expr.run(state);
  if (typeof value !== 'boolean')
    throw new ExpressionError(`expression returned ${celTypeName(value)}, not a bool`);
  return value;
}

function celTypeName(value: CelValue): string {
  try {
    return celType(value).name;
  } catch {
    return typeof value;
  }
}

// --- The expression tree ---

function scanExpr(root: Expr): { identifiers: string[]; unknownFunctions: string[] } {
  const identifiers = new Set<string>();
  const unknownFunctions = new Set<string>();
  const visit = (expr: Expr | undefined, bound: ReadonlySet<string>): void => {
    if (!expr) return;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'identExpr':
        if (!bound.has(kind.value.name)) identifiers.add(kind.value.name);
        return;
      case 'selectExpr':
        return visit(kind.value.operand, bound);
      case 'callExpr': {
        const call = kind.value;
        const qualified = call.target ? qualifiedName(call.target) : undefined;
        if (qualified !== undefined && ENV.funcs.find(`${qualified}.${call.function}`)) {
          for (const arg of call.args) visit(arg, bound);
          return;
        }
        if (!SPECIAL_CALLS.has(call.function) && !ENV.funcs.find(call.function))
          unknownFunctions.add(call.function);
        visit(call.target, bound);
        for (const arg of call.args) visit(arg, bound);
        return;
      }
      case 'listExpr':
        for (const element of kind.value.elements) visit(element, bound);
        return;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') visit(entry.keyKind.value, bound);
          visit(entry.value, bound);
        }
        return;
      case 'comprehensionExpr': {
        const c = kind.value;
        visit(c.iterRange, bound);
        visit(c.accuInit, bound);
        const inner = new Set(bound);
        for (const name of [c.iterVar, c.iterVar2, c.accuVar]) if (name) inner.add(name);
        visit(c.loopCondition, inner);
        visit(c.loopStep, inner);
        visit(c.result, inner);
        return;
      }
      case 'constExpr':
      case undefined:
        return;
    }
  };
  visit(root, new Set());
  return { identifiers: [...identifiers], unknownFunctions: [...unknownFunctions] };
}

/** The parsed expression with every comprehension's loop condition counted by STEP_FUNCTION (a new tree). */
function withStepBudget(parsed: ParsedExpr): ParsedExpr {
  let nextId = 0n;
  const walkIds = (expr: Expr | undefined) => {
    if (!expr) return;
    if (expr.id > nextId) nextId = expr.id;
    for (const child of childrenOf(expr)) walkIds(child);
  };
  walkIds(parsed.expr);
  const rewrite = (expr: Expr): Expr => {
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'selectExpr':
        return {
          ...expr,
          exprKind: {
            case: kind.case,
            value: { ...kind.value, operand: kind.value.operand && rewrite(kind.value.operand) },
          },
        };
      case 'callExpr':
        return {
          ...expr,
          exprKind: {
            case: kind.case,
            value: {
              ...kind.value,
              target: kind.value.target && rewrite(kind.value.target),
              args: kind.value.args.map(rewrite),
            },
          },
        };
      case 'listExpr':
        return {
          ...expr,
          exprKind: { case: kind.case, value: { ...kind.value, elements: kind.value.elements.map(rewrite) } },
        };
      case 'structExpr':
        return {
          ...expr,
          exprKind: {
            case: kind.case,
            value: {
              ...kind.value,
              entries: kind.value.entries.map((entry) => ({
                ...entry,
                keyKind:
                  entry.keyKind.case === 'mapKey'
                    ? { case: 'mapKey' as const, value: rewrite(entry.keyKind.value) }
                    : entry.keyKind,
                value: entry.value && rewrite(entry.value),
              })),
            },
          },
        };
      case 'comprehensionExpr': {
        const c = kind.value;
        const condition = c.loopCondition && rewrite(c.loopCondition);
        return {
          ...expr,
          exprKind: {
            case: kind.case,
            value: {
              ...c,
              iterRange: c.iterRange && rewrite(c.iterRange),
              accuInit: c.accuInit && rewrite(c.accuInit),
              loopCondition: condition && {
                ...condition,
                id: ++nextId,
                exprKind: {
                  case: 'callExpr',
                  value: { $typeName: 'cel.expr.Expr.Call', function: STEP_FUNCTION, args: [condition] },
                },
              },
              loopStep: c.loopStep && rewrite(c.loopStep),
              result: c.result && rewrite(c.result),
            },
          },
        };
      }
      case 'identExpr':
      case 'constExpr':
      case undefined:
        return expr;
    }
  };
  return { ...parsed, expr: rewrite(parsed.expr) };
}

function childrenOf(expr: Expr): (Expr | undefined)[] {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'selectExpr':
      return [kind.value.operand];
    case 'callExpr':
      return [kind.value.target, ...kind.value.args];
    case 'listExpr':
      return kind.value.elements;
    case 'structExpr':
      return kind.value.entries.flatMap((e) => [
        e.keyKind.case === 'mapKey' ? e.keyKind.value : undefined,
        e.value,
      ]);
    case 'comprehensionExpr':
      return [
        kind.value.iterRange,
        kind.value.accuInit,
        kind.value.loopCondition,
        kind.value.loopStep,
        kind.value.result,
      ];
    case 'identExpr':
    case 'constExpr':
    case undefined:
      return [];
  }
}

/** `a.b.c` as written (identifiers and field selections only), else undefined. */
function qualifiedName(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === 'identExpr') return kind.value.name;
  if (kind.case === 'selectExpr' && kind.value.operand && !kind.value.testOnly) {
    const operand = qualifiedName(kind.value.operand);
    return operand === undefined ? undefined : `${operand}.${kind.value.field}`;
  }
  return undefined;
}

function rootIdentifier(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === 'identExpr') return kind.value.name;
  if (kind.case === 'selectExpr' && kind.value.operand) return rootIdentifier(kind.value.operand);
  return undefined;
}

function findExpr(expr: Expr | undefined, id: bigint): Expr | undefined {
  if (!expr) return undefined;
  if (expr.id === id) return expr;
  for (const child of childrenOf(expr)) {
    const found = findExpr(child, id);
    if (found) return found;
  }
  return undefined;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

// --- Values in and out ---

const MAX_DEPTH = 200;

/** A JSON-like value as CEL input (see the note at the top on numbers). */
function toCel(value: unknown, depth: number): CelInput {
  if (depth > MAX_DEPTH) throw new ExpressionError(`The state is nested deeper than ${MAX_DEPTH} levels`);
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
    case 'object':
      break;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item: unknown) => toCel(item, depth + 1));
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return toCel(withJson.toJSON(), depth + 1);
  // A Map, not the object itself: keys like `__proto__` stay plain keys.
  const map = new Map<string, CelInput>();
  for (const [key, item] of Object.entries(value))
    if (item !== undefined) map.set(key, toCel(item, depth + 1));
  return map;
}

/** A CEL result as a plain JSON-able value (see the note at the top). */
function fromCel(value: CelValue): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return value;
    case 'bigint':
      return fromBigInt(value);
    default:
      break;
  }
  if (value === null) return null;
  if (isCelUint(value)) return fromBigInt(value.value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (isCelList(value)) return [...value].map(fromCel);
  if (isCelMap(value))
    return Object.fromEntries([...value].map(([k, v]) => [String(isCelUint(k) ? k.value : k), fromCel(v)]));
  if (isCelType(value)) return value.name;
  const message = (value as { message?: { $typeName?: string; seconds?: bigint; nanos?: number } }).message;
  if (message?.$typeName === 'google.protobuf.Timestamp')
    return new Date(
      Number(message.seconds ?? 0n) * 1000 + Math.floor((message.nanos ?? 0) / 1e6),
    ).toISOString();
  if (message?.$typeName === 'google.protobuf.Duration')
    return `${Number(message.seconds ?? 0n) + (message.nanos ?? 0) / 1e9}s`;
  throw new ExpressionError(`expression returned ${celTypeName(value)}, which has no JSON form`);
}

function fromBigInt(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}
