import { Ajv, type ValidateFunction } from 'ajv';
import safeRegex from 'safe-regex2';
import { scoreKeys, type Evaluator } from '@promptops/contracts';
import {
  cosineSimilarity,
  rouge,
  runCustomMetric,
  sentenceBleu,
  sentenceChrf,
  sentenceTer,
  type Embedder,
} from '@promptops/metrics';
import { validationFailed } from '../../platform/errors.js';

/** What an evaluator sees of one result. */
export interface ScoringInput {
  output: string;
  expected: string | null;
  input: Record<string, unknown>;
  latencyMs: number | null;
  costUsd: string;
  signal: AbortSignal;
}

/** Scores by key, and the keys an evaluator could not score with the reason. */
export interface ScoreOutcome {
  scores: Record<string, number>;
  errors: Record<string, string>;
  /** What scoring itself cost (an LLM judge's call), exact decimal USD. */
  costUsd?: string;
}

export interface PreparedEvaluator {
  readonly evaluator: Evaluator;
  readonly keys: string[];
  score(input: ScoringInput): Promise<ScoreOutcome>;
}

/** Scores one output with an LLM judge; supplied by the runner (it calls the gateway). */
export type JudgeCall = (
  evaluator: Extract<Evaluator, { type: 'llm-judge' }>,
  input: ScoringInput,
) => Promise<{ reply: string; costUsd: string; error?: string }>;

export interface EvaluatorDeps {
  judge: JudgeCall;
  /** The embedder a semantic-similarity evaluator names (cached per name by the caller). */
  embedder: (name: string) => Promise<Embedder>;
}

const fail = (keys: string[], message: string): ScoreOutcome => ({
  scores: {},
  errors: Object.fromEntries(keys.map((k) => [k, message])),
});
const one = (key: string, value: number): ScoreOutcome => ({ scores: { [key]: value }, errors: {} });

const MAX_LEVENSHTEIN_CELLS = 50_000_000;
const NO_EXPECTED = 'The item has no expected output to compare with';

/**
 * Checks evaluator settings that a schema cannot (a regex that compiles and cannot backtrack
 * without bound, a JSON schema that compiles), so a bad setting is a 400 before anything runs.
 */
export function checkEvaluators(evaluators: readonly Evaluator[]): void {
  const errors: { path: string; message: string }[] = [];
  evaluators.forEach((e, i) => {
    if (e.type === 'regex') {
      const flags = e.config.ignoreCase ? 'iu' : 'u';
      try {
        new RegExp(e.config.pattern, flags);
      } catch (err) {
        errors.push({ path: `evaluators.${i}.config.pattern`, message: (err as Error).message });
        return;
      }
      if (!safeRegex(e.config.pattern))
        errors.push({
          path: `evaluators.${i}.config.pattern`,
          message: 'This pattern can take exponential time (nested quantifiers); simplify it',
        });
    }
    if (e.type === 'json-schema') {
      try {
        new Ajv({ strict: false }).compile(e.config.schema);
      } catch (err) {
        errors.push({ path: `evaluators.${i}.config.schema`, message: (err as Error).message });
      }
    }
  });
  if (errors.length) throw validationFailed(errors);
}

function normalizeCase(s: string, ignoreCase: boolean | undefined): string {
  return ignoreCase ? s.toLocaleLowerCase() : s;
}

/** Levenshtein distance in code points, two rows of memory. */
export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  let curr = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[y.length]!;
}

/** 1 − distance / longer length: 1 for equal strings, 0 when nothing matches. */
export function levenshteinSimilarity(a: string, b: string): number {
  const longer = Math.max([...a].length, [...b].length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

/**
 * Parses an LLM judge's reply: JSON `{"score": 0..1, "reason": …}` (also inside a ```json fence)
 * or a bare number in 0..1. Anything else is an error, never a zero.
 */
export function parseJudgeReply(reply: string): { score: number; reason?: string } | { error: string } {
  const text = reply.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/.exec(text);
  const body = fenced ? fenced[1]! : text;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(body)) {
    const score = Number(body);
    return score >= 0 && score <= 1 ? { score } : { error: `The judge answered ${body}, outside 0..1` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: `The judge's reply is neither JSON nor a number: ${text.slice(0, 200)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || !('score' in parsed))
    return { error: 'The judge replied JSON without a "score"' };
  const raw = (parsed as { score: unknown }).score;
  const score = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1)
    return { error: `The judge's score ${JSON.stringify(raw)} is not a number in 0..1` };
  const reason = (parsed as { reason?: unknown }).reason;
  return typeof reason === 'string' ? { score, reason } : { score };
}

/** A custom evaluator's function, wrapped so a boolean counts as 1/0. */
function customProgram(code: string): string {
  return `async ({ output, expected, input }) => {
    const r = await (${code}
)(output, expected, input);
    return typeof r === 'boolean' ? (r ? 1 : 0) : r;
  }`;
}

/** Turns the stored evaluator settings into scoring functions (regexes and schemas compiled once). */
export function prepareEvaluators(
  evaluators: readonly Evaluator[],
  deps: EvaluatorDeps,
): PreparedEvaluator[] {
  return evaluators.map((evaluator) => {
    const keys = scoreKeys(evaluator);
    const key = keys[0]!;
    const prepared = (score: PreparedEvaluator['score']): PreparedEvaluator => ({ evaluator, keys, score });
    switch (evaluator.type) {
      case 'bleu':
        return prepared(async ({ output, expected }) =>
          expected ? one(key, sentenceBleu(output, [expected]).score) : fail(keys, NO_EXPECTED),
        );
      case 'chrf':
        return prepared(async ({ output, expected }) =>
          expected ? one(key, sentenceChrf(output, [expected]).score) : fail(keys, NO_EXPECTED),
        );
      case 'ter':
        return prepared(async ({ output, expected }) =>
          expected ? one(key, sentenceTer(output, [expected]).score) : fail(keys, NO_EXPECTED),
        );
      case 'rouge': {
        const types = evaluator.config?.types ?? (['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const);
        const useStemmer = evaluator.config?.stemmer ?? false;
        return prepared(async ({ output, expected }) => {
          if (expected === null) return fail(keys, NO_EXPECTED);
          const scores = rouge(expected, output, { types, useStemmer });
          return {
            scores: Object.fromEntries(types.map((t, i) => [keys[i]!, scores[t].fmeasure])),
            errors: {},
          };
        });
      }
      case 'semantic-similarity': {
        const name = evaluator.config.embedder;
        return prepared(async ({ output, expected }) => {
          if (expected === null) return fail(keys, NO_EXPECTED);
          const embedder = await deps.embedder(name);
          const [a, b] = await embedder.embed([output, expected]);
          return one(key, cosineSimilarity(a!, b!));
        });
      }
      case 'exact-match': {
        const ic = evaluator.config?.ignoreCase;
        return prepared(async ({ output, expected }) =>
          expected === null
            ? fail(keys, NO_EXPECTED)
            : one(key, normalizeCase(output.trim(), ic) === normalizeCase(expected.trim(), ic) ? 1 : 0),
        );
      }
      case 'contains': {
        const ic = evaluator.config?.ignoreCase;
        const pattern = evaluator.config?.pattern;
        return prepared(async ({ output, expected }) => {
          const needle = pattern ?? expected;
          if (needle === null || needle === undefined) return fail(keys, NO_EXPECTED);
          return one(key, normalizeCase(output, ic).includes(normalizeCase(needle, ic)) ? 1 : 0);
        });
      }
      case 'regex': {
        const re = new RegExp(evaluator.config.pattern, evaluator.config.ignoreCase ? 'iu' : 'u');
        return prepared(async ({ output }) => one(key, re.test(output) ? 1 : 0));
      }
      case 'json-schema': {
        const validate: ValidateFunction = new Ajv({ strict: false, allErrors: false }).compile(
          evaluator.config.schema,
        );
        return prepared(async ({ output }) => {
          let value: unknown;
          try {
            value = JSON.parse(output);
          } catch {
            return one(key, 0);
          }
          return one(key, validate(value) ? 1 : 0);
        });
      }
      case 'levenshtein': {
        const ic = evaluator.config?.ignoreCase;
        return prepared(async ({ output, expected }) => {
          if (expected === null) return fail(keys, NO_EXPECTED);
          // Quadratic in the lengths: beyond this the scoring would stall the worker.
          if (output.length * expected.length > MAX_LEVENSHTEIN_CELLS)
            return fail(keys, 'Output and expected are too long to compare character by character');
          return one(key, levenshteinSimilarity(normalizeCase(output, ic), normalizeCase(expected, ic)));
        });
      }
      case 'llm-judge':
        return prepared(async (input) => {
          const { reply, costUsd, error } = await deps.judge(evaluator, input);
          if (error !== undefined) return { ...fail(keys, `The judge call failed: ${error}`), costUsd };
          const parsed = parseJudgeReply(reply);
          if ('error' in parsed) return { ...fail(keys, parsed.error), costUsd };
          return { ...one(key, parsed.score), costUsd };
        });
      case 'custom': {
        const program = customProgram(evaluator.config.code);
        return prepared(async ({ output, expected, input }) => {
          const result = await runCustomMetric(program, { output, expected, input });
          return result.ok
            ? one(key, result.score)
            : fail(keys, `${result.error.kind}: ${result.error.message}`);
        });
      }
      case 'latency':
        return prepared(async ({ latencyMs }) =>
          latencyMs === null ? fail(keys, 'No latency: the call did not run') : one(key, latencyMs),
        );
      case 'cost':
        return prepared(async ({ costUsd }) => one(key, Number(costUsd)));
    }
  });
}

/** Score keys where a lower value is better. */
export function lowerIsBetter(evaluators: readonly Evaluator[]): Set<string> {
  const keys = new Set<string>();
  for (const e of evaluators)
    if (e.type === 'ter' || e.type === 'latency' || e.type === 'cost')
      for (const k of scoreKeys(e)) keys.add(k);
  return keys;
}
