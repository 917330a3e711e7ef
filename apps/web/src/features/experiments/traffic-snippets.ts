import type { Experiment } from '@promptops/contracts';

/**
 * The code an application needs to take part in an experiment: fetch the prompt with the
 * subject (the server answers with the assigned variant's version), then report the outcome.
 */

export interface TrafficSnippets {
  fetchPrompt: string;
  recordOutcome: string;
  javascript: string;
}

/** A single-quoted shell word. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function promptFetchUrl(origin: string, orgId: string, promptName: string, subject: string): string {
  // A folder's slash is part of the name: the route takes it encoded, as one path segment.
  return `${origin}/api/v1/orgs/${orgId}/prompts/${encodeURIComponent(promptName)}?subject=${encodeURIComponent(subject)}`;
}

export function outcomesUrl(origin: string, orgId: string, experimentId: string): string {
  return `${origin}/api/v1/orgs/${orgId}/experiments/${experimentId}/outcomes`;
}

export function trafficSnippets(
  origin: string,
  orgId: string,
  experiment: Pick<Experiment, 'id' | 'promptName' | 'metric'>,
): TrafficSnippets {
  const subject = 'user-123';
  const value = experiment.metric.kind === 'binary' ? 1 : 4.5;
  const body = JSON.stringify({ subject, value });
  const fetchUrl = promptFetchUrl(origin, orgId, experiment.promptName, subject);
  const outcomeUrl = outcomesUrl(origin, orgId, experiment.id);
  const fetchPrompt = [
    `# The same subject always gets the same variant; the answer names it under "experiment".`,
    `curl -H "Authorization: Bearer $PROMPTOPS_API_KEY" \\`,
    `  ${shellQuote(fetchUrl)}`,
  ].join('\n');
  const recordOutcome = [
    `# ${experiment.metric.kind === 'binary' ? '1 when the subject converted, 0 when not' : `the subject's ${experiment.metric.name}`}; the latest value per subject counts.`,
    `curl -X POST -H "Authorization: Bearer $PROMPTOPS_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)} \\`,
    `  ${shellQuote(outcomeUrl)}`,
  ].join('\n');
  const javascript = [
    `const headers = { authorization: \`Bearer \${process.env.PROMPTOPS_API_KEY}\` };`,
    `const prompt = await fetch(${JSON.stringify(promptFetchUrl(origin, orgId, experiment.promptName, ''))} + encodeURIComponent(userId), { headers }).then((r) => r.json());`,
    `// prompt is the version this subject's variant serves; prompt.experiment names the variant.`,
    `await fetch(${JSON.stringify(outcomeUrl)}, {`,
    `  method: 'POST',`,
    `  headers: { ...headers, 'content-type': 'application/json' },`,
    `  body: JSON.stringify({ subject: userId, value: ${experiment.metric.kind === 'binary' ? 'converted ? 1 : 0' : 'value'} }),`,
    `});`,
  ].join('\n');
  return { fetchPrompt, recordOutcome, javascript };
}
