import {
  Evaluator,
  EVALUATOR_TYPES,
  PromptName,
  VersionNumber,
  type EvaluatorType,
} from '@promptops/contracts';
import { usageError } from './errors.js';

/** `NAME`, `NAME@label` or `NAME#version`, as `--prompt` and an llm-judge `prompt=` take them. */
export interface PromptRef {
  name: string;
  label?: string;
  version?: number;
}

export function parsePromptRef(text: string, flag = '--prompt'): PromptRef {
  const m = /^([^@#]+)(?:@([^@#]+)|#(\d+))?$/.exec(text.trim());
  const name = m ? PromptName.safeParse(m[1]) : undefined;
  if (!m || !name?.success)
    throw usageError(
      `${flag} "${text}": expected NAME, NAME@label or NAME#version (e.g. support/reply@production).`,
    );
  if (m[3] !== undefined) {
    const version = VersionNumber.safeParse(Number(m[3]));
    if (!version.success) throw usageError(`${flag} "${text}": the version must be a positive integer.`);
    return { name: name.data, version: version.data };
  }
  return m[2] !== undefined ? { name: name.data, label: m[2] } : { name: name.data };
}

/**
 * An evaluator before model names are resolved. llm-judge takes its judge model by name
 * (`model=`); the server wants its id, looked up once connected.
 */
export interface EvaluatorSpec {
  evaluator: Record<string, unknown> & { type: EvaluatorType };
  judgeModel?: string;
}

const TYPE_ALIASES = new Map<string, EvaluatorType>([
  ...EVALUATOR_TYPES.map((t) => [t, t] as const),
  // The score keys are written with _, the types with -: accept either.
  ...EVALUATOR_TYPES.map((t) => [t.replace(/-/g, '_'), t] as const),
]);

/** `a=1,b=x,y,c=[1,2]`: a comma starts a new option only when `key=` follows it. */
function splitOptions(text: string): [string, string][] {
  return text.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_]*=)/).map((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`"${part}" is not key=value`);
    return [part.slice(0, eq).trim(), part.slice(eq + 1)];
  });
}

/** JSON when the value reads as JSON (numbers, true, lists, objects), the text otherwise. */
function optionValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * `--evaluator` in one of three forms: a type (`bleu`, `exact_match`), a type with options
 * (`regex:pattern=^yes$,ignoreCase=true`, `name=` sets the score key), or the evaluator as JSON.
 */
export function parseEvaluator(text: string, index: number): EvaluatorSpec {
  const flag = `--evaluator #${index + 1} ("${text}")`;
  let raw: Record<string, unknown>;
  let judgeModel: string | undefined;
  if (text.trim().startsWith('{')) {
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw usageError(`${flag}: not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (typeof raw.type === 'string') raw.type = TYPE_ALIASES.get(raw.type) ?? raw.type;
  } else {
    const colon = text.indexOf(':');
    const typeText = (colon >= 0 ? text.slice(0, colon) : text).trim();
    const type = TYPE_ALIASES.get(typeText);
    if (!type) throw usageError(`${flag}: unknown type "${typeText}". Types: ${EVALUATOR_TYPES.join(', ')}.`);
    raw = { type };
    if (colon >= 0) {
      let options: [string, string][];
      try {
        options = splitOptions(text.slice(colon + 1));
      } catch (err) {
        throw usageError(`${flag}: ${err instanceof Error ? err.message : String(err)}.`);
      }
      const config: Record<string, unknown> = {};
      for (const [key, value] of options) {
        if (key === 'name') raw.name = value;
        else if (type === 'llm-judge' && key === 'prompt') config.prompt = parsePromptRef(value, flag);
        else if (type === 'llm-judge' && key === 'model') judgeModel = value;
        // Patterns are text even when they look like numbers or JSON.
        else if (key === 'pattern' || key === 'code' || key === 'embedder') config[key] = value;
        else config[key] = optionValue(value);
      }
      if (Object.keys(config).length > 0) raw.config = config;
    }
  }
  if (raw.type === 'llm-judge' && raw.config && typeof raw.config === 'object') {
    const config = raw.config as Record<string, unknown>;
    // In JSON too, a judge model may be given by name.
    if (typeof config.model === 'string') {
      judgeModel = config.model;
      delete config.model;
    }
  }
  // Checked with a placeholder id, so a missing judge model is reported like any other field.
  const probe =
    raw.type === 'llm-judge' && judgeModel !== undefined
      ? { ...raw, config: { ...(raw.config as object), modelId: '00000000-0000-4000-8000-000000000000' } }
      : raw;
  const checked = Evaluator.safeParse(probe);
  if (!checked.success)
    throw usageError(
      `${flag} is not a valid evaluator.`,
      checked.error.issues.map((i) => `  ${i.path.join('.') || '(evaluator)'}: ${i.message}`),
    );
  return {
    evaluator: raw as EvaluatorSpec['evaluator'],
    ...(judgeModel !== undefined ? { judgeModel } : {}),
  };
}

/** `--min KEY=VALUE` (every variant) or `--min VARIANT:KEY=VALUE` (one variant, by name or number). */
export interface Gate {
  kind: 'min' | 'max';
  key: string;
  value: number;
  variant?: string;
}

export function parseGate(text: string, kind: Gate['kind']): Gate {
  const m = /^(?:(.+):)?([A-Za-z_][A-Za-z0-9_.-]*)=(.+)$/.exec(text);
  const value = m ? Number(m[3]) : NaN;
  if (!m || !Number.isFinite(value))
    throw usageError(
      `--${kind} "${text}": expected KEY=NUMBER or VARIANT:KEY=NUMBER (e.g. exact_match=0.8).`,
    );
  return { kind, key: m[2]!, value, ...(m[1] !== undefined ? { variant: m[1] } : {}) };
}
