import type { ChatMessage } from '@promptops/contracts';
import { runSandboxedFunction } from '@promptops/metrics';
import type { AppContext } from '../../../platform/app-context.js';
import { normalizeDecimal } from '../../../platform/decimal.js';
import type { Actor } from '../../../platform/context.js';
import { egressRefusalOf } from '../../../platform/egress.js';
import { admitWhenAllowed, callLlm, resolveTarget } from '../../executions/gateway.service.js';
import { resolveComposedVersion } from '../../prompts/composition.js';
import { renderMessages, renderTemplate } from '../../prompts/template.js';
import { NodeFailure, type NodeServices, type StepOutcome } from './compile.js';

/** Largest HTTP tool response body read, in bytes. */
export const MAX_HTTP_RESPONSE_BYTES = 1024 * 1024;

export interface RunIdentity {
  runId: string;
  orgId: string;
  actor: Actor;
  allowedHosts: readonly string[];
}

/** Whether `host` (`name` or `name:port`) is on an organization's allow-list. */
export function hostAllowed(allowedHosts: readonly string[], url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const withPort = url.port ? `${host}:${url.port}` : host;
  return allowedHosts.some((entry) => {
    if (entry === withPort || (entry === host && !entry.includes(':'))) return true;
    if (entry.startsWith('*.')) {
      const suffix = entry.slice(1);
      return host.endsWith(suffix) && host.length > suffix.length;
    }
    return false;
  });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function readCapped(res: Response, cap: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new Error(`The response is larger than ${cap.toLocaleString('en-US')} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The outside world of a workflow run: prompt nodes call the platform's one LLM path (admission,
 * breakers, retries, cost, recording with the run as parent), HTTP tools go through the egress
 * policy and the organization's host allow-list, code runs in the QuickJS sandbox.
 */
export function nodeServices(
  app: AppContext,
  run: RunIdentity,
  steps: {
    started: NodeServices['stepStarted'];
    ended: (
      node: Parameters<NodeServices['stepEnded']>[0],
      iteration: number,
      outcome: StepOutcome,
    ) => Promise<void>;
  },
): NodeServices {
  return {
    stepStarted: steps.started,
    stepEnded: steps.ended,

    async prompt(node, data, variables, signal) {
      let version;
      try {
        version = await resolveComposedVersion(app.db, run.orgId, data.prompt.name, {
          version: data.prompt.version,
          label: data.prompt.label,
        });
      } catch (err) {
        throw new NodeFailure(node.id, message(err));
      }
      const modelId = data.modelId ?? version.modelId;
      if (!modelId)
        throw new NodeFailure(node.id, `Prompt "${data.prompt.name}" has no model; choose one on the node`);
      let messages: ChatMessage[];
      let target;
      try {
        target = await resolveTarget(app, run.orgId, modelId, 'modelId');
        messages = version.messages
          ? renderMessages(version.messages, variables, version.variables)
          : [{ role: 'user', content: renderTemplate(version.template ?? '', variables, version.variables) }];
      } catch (err) {
        throw new NodeFailure(node.id, message(err));
      }
      const abort = signal ?? new AbortController().signal;
      const admitted = await admitWhenAllowed(
        app,
        {
          orgId: run.orgId,
          actor: run.actor,
          source: 'workflow',
          parent: { type: 'workflow', id: run.runId },
          target,
          messages,
          params: version.params,
          prompt: { name: version.name, version: version.version, versionId: version.id },
          variables,
        },
        abort,
      ).catch((err: unknown) => {
        throw new NodeFailure(node.id, message(err));
      });
      const { execution } = await callLlm(app, admitted, { signal: abort });
      if (execution.status !== 'succeeded')
        throw new NodeFailure(node.id, execution.error ?? `The model call ended ${execution.status}`);
      return {
        output: {
          output: execution.output ?? '',
          usage: { inputTokens: execution.inputTokens, outputTokens: execution.outputTokens },
          // As the executions API shows it (no trailing zeros): `{{node.costUsd}}` reads the same everywhere.
          costUsd: normalizeDecimal(execution.costUsd),
        },
        executionId: execution.id,
      };
    },

    async http(node, request, signal) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new NodeFailure(node.id, `Not a URL: ${request.url.slice(0, 200)}`);
      }
      if (!hostAllowed(run.allowedHosts, url))
        throw new NodeFailure(
          node.id,
          `${url.host} is not on this organization's workflow HTTP allow-list (Workflows → Settings)`,
        );
      const timeout = AbortSignal.timeout(request.timeoutMs);
      try {
        const res = await app.egress.fetch(url, {
          method: request.method,
          headers: request.headers,
          ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
          redirect: 'manual',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        const text = await readCapped(res, MAX_HTTP_RESPONSE_BYTES);
        const json = /\bjson\b/i.test(res.headers.get('content-type') ?? '');
        let output: unknown = text;
        if (json && text) {
          try {
            output = JSON.parse(text);
          } catch {
            output = text;
          }
        }
        return { output, status: res.status };
      } catch (err) {
        if (signal?.aborted) throw err;
        if (timeout.aborted) throw new NodeFailure(node.id, `No answer within ${request.timeoutMs} ms`);
        const refusal = egressRefusalOf(err);
        throw new NodeFailure(node.id, refusal ? `Refused: ${refusal.message}` : message(err));
      }
    },

    async code(node, code, state, timeoutMs) {
      const result = await runSandboxedFunction(code, state, {
        functionName: 'run',
        what: 'Code node',
        timeoutMs,
      });
      if (!result.ok) throw new NodeFailure(node.id, result.error.message);
      return result.value ?? null;
    },
  };
}
