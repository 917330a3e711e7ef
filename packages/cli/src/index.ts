import { parseArgs, type ParseArgsConfig } from 'node:util';
import { connect } from './connection.js';
import { CliError, EXIT, toCliError, usageError, type ExitCode } from './errors.js';
import { parseEvaluator, parseGate, parsePromptRef } from './eval-options.js';
import { assertGateVariants, runEvaluation } from './eval-run.js';
import { CLI_HELP } from './help.js';
import { consoleOutput, type Output } from './output.js';
import { promotePrompt } from './prompts-promote.js';
import { pullPrompts, pushPrompts } from './prompts-sync.js';

const CONNECTION = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...CONNECTION, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageError(err instanceof Error ? err.message : String(err));
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw usageError(`${flag} is required.`);
  return value;
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usageError(`${flag} must be a positive integer, not "${value}".`);
  return n;
}

function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw usageError(`Unexpected argument "${positionals[0]}".`);
}

async function prompts(args: string[], out: Output): Promise<ExitCode> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'pull': {
      const { values, positionals } = parse(rest, { dir: { type: 'string' } });
      noPositionals(positionals);
      const dir = required(values.dir, '--dir');
      return pullPrompts(await connect(values), dir, out);
    }
    case 'push': {
      const { values, positionals } = parse(rest, {
        dir: { type: 'string' },
        message: { type: 'string', short: 'm' },
      });
      noPositionals(positionals);
      const dir = required(values.dir, '--dir');
      return pushPrompts(await connect(values), dir, values.message, out);
    }
    case 'promote': {
      const { values, positionals } = parse(rest, {
        version: { type: 'string' },
        label: { type: 'string' },
        message: { type: 'string', short: 'm' },
      });
      if (positionals.length !== 1) throw usageError('promote takes one prompt NAME.');
      const name = parsePromptRef(positionals[0]!, 'NAME');
      if (name.label !== undefined || name.version !== undefined)
        throw usageError('promote NAME takes a plain name; give the version with --version.');
      const version = positiveInt(required(values.version, '--version'), '--version')!;
      const label = required(values.label, '--label');
      return promotePrompt(
        await connect(values),
        { name: name.name, version, label, message: values.message },
        out,
      );
    }
    default:
      throw usageError(
        sub ? `Unknown prompts command "${sub}".` : 'prompts needs a command: pull, push or promote.',
      );
  }
}

async function evaluation(args: string[], out: Output): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub !== 'run') throw usageError(sub ? `Unknown eval command "${sub}".` : 'eval needs a command: run.');
  const { values, positionals } = parse(rest, {
    dataset: { type: 'string' },
    prompt: { type: 'string', multiple: true },
    model: { type: 'string' },
    evaluator: { type: 'string', multiple: true },
    min: { type: 'string', multiple: true },
    max: { type: 'string', multiple: true },
    name: { type: 'string' },
    repetitions: { type: 'string' },
    'max-cost': { type: 'string' },
    json: { type: 'boolean' },
  });
  noPositionals(positionals);
  const prompts = values.prompt ?? [];
  if (prompts.length === 0) throw usageError('--prompt is required (repeat it to compare variants).');
  if (prompts.length > 8) throw usageError('At most 8 --prompt variants.');
  const evaluators = (values.evaluator ?? []).map((e, i) => parseEvaluator(e, i));
  if (evaluators.length === 0) throw usageError('--evaluator is required (e.g. --evaluator exact_match).');
  const maxCost = values['max-cost'];
  if (maxCost !== undefined && !/^\d{1,12}(\.\d{1,12})?$/.test(maxCost))
    throw usageError(`--max-cost must be an amount in USD, not "${maxCost}".`);
  // Every flag is checked before connecting: a typo costs no request.
  const input = {
    dataset: required(values.dataset, '--dataset'),
    prompts: prompts.map((text) => ({ text, ref: parsePromptRef(text) })),
    model: values.model,
    evaluators,
    gates: [
      ...(values.min ?? []).map((g) => parseGate(g, 'min')),
      ...(values.max ?? []).map((g) => parseGate(g, 'max')),
    ],
    name: values.name,
    repetitions: positiveInt(values.repetitions, '--repetitions'),
    maxCostUsd: maxCost,
    json: values.json ?? false,
  };
  assertGateVariants(input);
  return runEvaluation(await connect(values), input, out);
}

/** Runs `promptops prompts …` or `promptops eval …`; resolves to the exit code, never throws. */
export async function runCli(
  command: 'prompts' | 'eval',
  args: string[],
  out: Output = consoleOutput(),
): Promise<ExitCode> {
  if (args.includes('--help') || args.includes('-h') || args.length === 0) {
    out.line(CLI_HELP);
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  try {
    return command === 'prompts' ? await prompts(args, out) : await evaluation(args, out);
  } catch (err) {
    const error =
      err instanceof CliError ? err : toCliError(err, `promptops ${command} ${args[0] ?? ''}`.trim());
    out.endProgress();
    out.error(error.message);
    for (const line of error.details) out.error(line);
    return error.exitCode;
  }
}
