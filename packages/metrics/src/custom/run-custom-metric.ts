import {
  newQuickJSWASMModule,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';

/** What a custom metric function receives. */
export interface CustomMetricInput {
  output: string;
  expected?: string | null;
  input?: unknown;
}

export interface CustomMetricOptions {
  /** Wall-clock budget for evaluating the code and calling the function; default 1000 ms. */
  timeoutMs?: number;
  /** Heap limit of the sandbox; default 32 MiB. */
  memoryLimitBytes?: number;
  /** Interpreter stack limit (deep recursion fails cleanly instead of crashing); default 256 KiB. */
  maxStackBytes?: number;
}

export type CustomMetricErrorKind = 'syntax' | 'runtime' | 'timeout' | 'memory' | 'invalid-result';

export type CustomMetricResult =
  | { ok: true; score: number; reason?: string; durationMs: number }
  | { ok: false; error: { kind: CustomMetricErrorKind; message: string }; durationMs: number };

const MAX_REASON_LENGTH = 4_000;

// One WebAssembly instance serves every call; each call gets its own runtime (heap, limits)
// and context, so metrics cannot see each other. If QuickJS itself ever fails we drop the
// instance and start a fresh one.
let modulePromise: Promise<QuickJSWASMModule> | undefined;

function loadModule(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModule();
  return modulePromise;
}

class SandboxError extends Error {
  constructor(
    readonly kind: CustomMetricErrorKind,
    message: string,
  ) {
    super(message);
  }
}

function describeError(
  vm: QuickJSContext,
  handle: QuickJSHandle,
  phase: 'syntax' | 'runtime',
  what = 'Custom metric',
): SandboxError {
  let name = '';
  let message = '';
  try {
    const dumped: unknown = vm.dump(handle);
    if (dumped !== null && typeof dumped === 'object') {
      const record = dumped as { name?: unknown; message?: unknown };
      name = typeof record.name === 'string' ? record.name : '';
      message = typeof record.message === 'string' ? record.message : '';
    } else {
      message = String(dumped);
    }
  } catch {
    // Reading the error can itself fail when the heap is exhausted.
    message = 'out of memory';
  }
  const text = `${name ? `${name}: ` : ''}${message}`;
  if (/interrupted/i.test(message)) return new SandboxError('timeout', `${what} exceeded its time limit`);
  if (/out of memory/i.test(message)) return new SandboxError('memory', `${what} exceeded its memory limit`);
  if (phase === 'syntax' && name === 'SyntaxError') return new SandboxError('syntax', text);
  return new SandboxError('runtime', text || `${what} threw a non-Error value`);
}

function unwrap(
  vm: QuickJSContext,
  result: ReturnType<QuickJSContext['evalCode']>,
  phase: 'syntax' | 'runtime',
  what?: string,
): QuickJSHandle {
  if (result.error) {
    const error = describeError(vm, result.error, phase, what);
    result.error.dispose();
    throw error;
  }
  return result.value;
}

function validateResult(value: unknown): { score: number; reason?: string } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new SandboxError('invalid-result', `Score must be a finite number, got ${value}`);
    return { score: value };
  }
  if (value !== null && typeof value === 'object' && 'score' in value) {
    const { score, reason } = value as { score: unknown; reason?: unknown };
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new SandboxError('invalid-result', 'The returned object needs a finite numeric `score`');
    }
    if (reason !== undefined && reason !== null && typeof reason !== 'string') {
      throw new SandboxError('invalid-result', '`reason` must be a string when present');
    }
    return typeof reason === 'string' ? { score, reason: reason.slice(0, MAX_REASON_LENGTH) } : { score };
  }
  throw new SandboxError('invalid-result', 'A custom metric must return a number or { score, reason }');
}

// Settles the metric's return value (awaiting a promise once the job queue has run) and
// reports it as JSON text, so only strings cross the sandbox boundary.
const INVOKE_SOURCE = `(fn, argsJson) => {
  const state = { status: 'pending' };
  const record = (status) => (payload) => {
    state.status = status;
    if (status === 'fulfilled') state.value = payload;
    else state.error = payload instanceof Error ? { name: payload.name, message: payload.message } : { message: String(payload) };
  };
  const out = fn(JSON.parse(argsJson));
  if (out !== null && typeof out === 'object' && typeof out.then === 'function') {
    Promise.resolve(out).then(record('fulfilled'), record('rejected'));
  } else {
    record('fulfilled')(out);
  }
  return () => JSON.stringify(state);
}`;

interface SettledState {
  status: 'pending' | 'fulfilled' | 'rejected';
  value?: unknown;
  error?: { name?: string; message?: string };
}

interface Entry {
  /** The function a script may declare instead of evaluating to one. */
  functionName: string;
  /** How errors name the code ("Custom metric", "Code node"). */
  what: string;
  /** Said when the code defines no function. */
  shapeHint: string;
}

const METRIC_ENTRY: Entry = {
  functionName: 'score',
  what: 'Custom metric',
  shapeHint:
    'The code must evaluate to a function, e.g. `({ output, expected }) => ...`, or declare `function score(...)`',
};

function evaluate(vm: QuickJSContext, code: string, args: unknown, entry: Entry = METRIC_ENTRY): unknown {
  const w = entry.what;
  const completion = unwrap(vm, vm.evalCode(code, 'user-code.js'), 'syntax', w);
  let fn = completion;
  if (vm.typeof(completion) !== 'function') {
    completion.dispose();
    fn = vm.getProp(vm.global, entry.functionName);
    if (vm.typeof(fn) !== 'function') {
      fn.dispose();
      throw new SandboxError('invalid-result', entry.shapeHint);
    }
  }
  const invoke = unwrap(vm, vm.evalCode(INVOKE_SOURCE, 'promptops-invoke.js'), 'runtime', w);
  const argsJson = vm.newString(JSON.stringify(args));
  const callResult = vm.callFunction(invoke, vm.undefined, fn, argsJson);
  invoke.dispose();
  argsJson.dispose();
  fn.dispose();
  const readState = unwrap(vm, callResult, 'runtime', w);
  const jobs = vm.runtime.executePendingJobs();
  const jobError = jobs.error ? describeError(vm, jobs.error, 'runtime', w) : undefined;
  jobs.dispose();
  const stateResult = vm.callFunction(readState, vm.undefined);
  readState.dispose();
  if (jobError !== undefined && jobError.kind !== 'runtime') throw jobError;
  const stateHandle = unwrap(vm, stateResult, 'runtime', w);
  const stateJson = vm.getString(stateHandle);
  stateHandle.dispose();
  // An undefined result is dropped by JSON.stringify; validateResult reports it.
  const state = JSON.parse(stateJson) as SettledState;
  if (state.status === 'pending') throw new SandboxError('runtime', 'The returned promise never settled');
  if (state.status === 'rejected') {
    const { name, message } = state.error ?? {};
    throw new SandboxError('runtime', `${name ? `${name}: ` : ''}${message ?? ''}`);
  }
  return state.value;
}

/**
 * Runs a user-written scoring function in a QuickJS sandbox: no host objects, no I/O, a time
 * limit (interrupt handler) and a heap limit. The code is a function expression, or a script
 * declaring `function score(...)`. It is called with `{ output, expected, input }` and must
 * return a number or `{ score, reason }`. Never throws: failures come back as `ok: false`.
 */
export async function runCustomMetric(
  code: string,
  args: CustomMetricInput,
  opts: CustomMetricOptions = {},
): Promise<CustomMetricResult> {
  const result = await runSandboxed(code, args, METRIC_ENTRY, opts, validateResult);
  return result.ok
    ? { ok: true, ...result.value, durationMs: result.durationMs }
    : { ok: false, error: result.error, durationMs: result.durationMs };
}

export type SandboxedResult<T> =
  | { ok: true; value: T; durationMs: number }
  | { ok: false; error: { kind: CustomMetricErrorKind; message: string }; durationMs: number };

/**
 * Runs user code in the same QuickJS sandbox as custom metrics (no host objects, no I/O, time and
 * heap limits): the code evaluates to a function or declares `function <functionName>(…)`, which is
 * called with `argument` (as JSON). The result is the function's return value, JSON-safe. Never
 * throws: failures come back as `ok: false`.
 */
export async function runSandboxedFunction(
  code: string,
  argument: unknown,
  opts: CustomMetricOptions & { functionName: string; what: string },
): Promise<SandboxedResult<unknown>> {
  const entry: Entry = {
    functionName: opts.functionName,
    what: opts.what,
    shapeHint: `The code must evaluate to a function or declare \`function ${opts.functionName}(…)\``,
  };
  return runSandboxed(code, argument, entry, opts, (value) => value);
}

async function runSandboxed<T>(
  code: string,
  args: unknown,
  entry: Entry,
  opts: CustomMetricOptions,
  check: (value: unknown) => T,
): Promise<SandboxedResult<T>> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  let module: QuickJSWASMModule;
  try {
    module = await loadModule();
  } catch (error) {
    modulePromise = undefined;
    return {
      ok: false,
      error: { kind: 'runtime', message: `Sandbox unavailable: ${(error as Error).message}` },
      durationMs: elapsed(),
    };
  }
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(opts.memoryLimitBytes ?? 32 * 1024 * 1024);
  runtime.setMaxStackSize(opts.maxStackBytes ?? 256 * 1024);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + (opts.timeoutMs ?? 1000)));
  const vm = runtime.newContext();
  try {
    const value = check(evaluate(vm, code, args, entry));
    return { ok: true, value, durationMs: elapsed() };
  } catch (error) {
    if (error instanceof SandboxError) {
      return { ok: false, error: { kind: error.kind, message: error.message }, durationMs: elapsed() };
    }
    // Not the user's fault: something in QuickJS broke. Start from a fresh instance next time.
    modulePromise = undefined;
    return {
      ok: false,
      error: { kind: 'runtime', message: `Sandbox failure: ${(error as Error).message}` },
      durationMs: elapsed(),
    };
  } finally {
    try {
      vm.dispose();
      runtime.dispose();
    } catch {
      modulePromise = undefined;
    }
  }
}
