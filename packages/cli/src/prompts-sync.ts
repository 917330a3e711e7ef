import { stat } from 'node:fs/promises';
import { unwrap, type Schemas } from '@promptops/client';
import type { Connection } from './connection.js';
import { CliError, EXIT, toCliError, usageError, type ExitCode } from './errors.js';
import type { Output } from './output.js';
import { readPromptFiles, writePromptFile, type LocalFile } from './prompt-dir.js';
import {
  changedFields,
  contentOfExport,
  parsePromptFile,
  serializePromptFile,
  type PromptFile,
} from './prompt-file.js';

type ExportDocument = Schemas['PromptExportDocument'];
type ExportItem = ExportDocument['prompts'][number];

async function exportAll(conn: Connection): Promise<ExportItem[]> {
  try {
    const doc = await unwrap(
      conn.client.GET('/api/v1/orgs/{orgId}/prompts-export', {
        params: { path: { orgId: conn.orgId }, query: { format: 'json' } },
      }),
    );
    return doc.prompts;
  } catch (err) {
    throw toCliError(err, 'Reading the prompts');
  }
}

async function assertDirectory(dir: string, create: boolean): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info?.isDirectory()) return;
  if (info) throw usageError(`--dir ${dir} is not a directory.`);
  if (!create) throw usageError(`--dir ${dir} does not exist.`);
}

/** Writes one file per prompt (its newest version and labels); local files are never deleted. */
export async function pullPrompts(conn: Connection, dir: string, out: Output): Promise<ExitCode> {
  await assertDirectory(dir, true);
  const items = await exportAll(conn);
  let written = 0;
  for (const item of items) {
    const changed = await writePromptFile(dir, item.name, serializePromptFile(item));
    if (changed) written++;
    out.line(`${item.name}.yaml  ${changed ? 'written' : 'unchanged'}`);
  }
  const remote = new Set(items.map((i) => i.name));
  const localOnly = (await readPromptFiles(dir)).filter((f) => !remote.has(f.name));
  for (const f of localOnly) out.line(`${f.relative}  only in ${dir} (push creates it)`);
  out.line(`Pulled ${items.length} prompt(s) from ${conn.orgName}; ${written} file(s) written.`);
  return EXIT.ok;
}

interface PlannedFile {
  local: LocalFile;
  file: PromptFile;
  server: ExportItem | undefined;
  changed: string[];
}

/** Every problem of every file, so one run reports them all; nothing is sent while any remain. */
async function planPush(conn: Connection, files: LocalFile[]): Promise<PlannedFile[]> {
  const problems: string[] = [];
  const parsed: { local: LocalFile; file: PromptFile }[] = [];
  const seen = new Map<string, string>();
  for (const local of files) {
    const other = seen.get(local.name);
    if (other) problems.push(`${local.relative}: name: the same prompt as ${other}`);
    seen.set(local.name, local.relative);
    const result = parsePromptFile(local.text, local.name);
    if (result.ok) parsed.push({ local, file: result.file });
    else for (const p of result.problems) problems.push(`${local.relative}: ${p.path}: ${p.message}`);
  }
  if (problems.length > 0) throw invalid(problems);

  const server = new Map((await exportAll(conn)).map((i) => [i.name, i]));
  const models = await modelNames(
    conn,
    parsed.flatMap((p) => (p.file.model ? [p.file.model] : [])),
  );
  const planned = parsed.map(({ local, file }) => {
    const existing = server.get(file.name);
    if (existing && existing.type !== file.type)
      problems.push(`${local.relative}: type: "${file.name}" is a ${existing.type} prompt on the server`);
    const changed = existing ? changedFields(file, contentOfExport(existing)) : ['created'];
    // Only files that will be saved need their model resolved: the import links models by a
    // name that must be unique in the organization.
    const count = file.model ? (models.get(file.model) ?? 0) : 1;
    if (changed.length > 0 && count !== 1)
      problems.push(
        `${local.relative}: model: ${count === 0 ? `no model named "${file.model}" in this organization` : `"${file.model}" names ${count} models (one per provider); rename one to push this file`}`,
      );
    return { local, file, server: existing, changed };
  });
  if (problems.length > 0) throw invalid(problems);
  return planned;
}

const invalid = (problems: string[]) =>
  new CliError(
    EXIT.usage,
    'Validation failed; nothing was pushed.',
    problems.map((p) => `  ${p}`),
  );

/** How many models of the organization carry each name (imports link models by unique name). */
async function modelNames(conn: Connection, wanted: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (wanted.length === 0) return counts;
  try {
    const { items } = await unwrap(
      conn.client.GET('/api/v1/orgs/{orgId}/models', { params: { path: { orgId: conn.orgId } } }),
    );
    for (const m of items) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  } catch (err) {
    throw toCliError(err, 'Reading the models');
  }
  return counts;
}

function versionOf(p: PlannedFile, commitMessage: string): ExportItem['versions'][number] {
  const { file } = p;
  return {
    version: 1,
    ...(file.type === 'chat' ? { messages: file.messages } : { template: file.template ?? '' }),
    ...(file.variables ? { variables: file.variables } : {}),
    model: file.model ?? null,
    params: file.params ?? {},
    commitMessage,
  };
}

/**
 * One new version for each file whose content differs from the prompt's newest version, all in
 * one import (one transaction: every change is saved, or none). Labels are never moved.
 */
export async function pushPrompts(
  conn: Connection,
  dir: string,
  message: string | undefined,
  out: Output,
): Promise<ExitCode> {
  await assertDirectory(dir, false);
  const files = await readPromptFiles(dir);
  if (files.length === 0) throw usageError(`No .yaml files under ${dir}.`);
  const plan = await planPush(conn, files);
  const changed = plan.filter((p) => p.changed.length > 0);
  const results = new Map<string, string>();
  if (changed.length > 0) {
    const doc: ExportDocument = {
      format: 'promptops.prompts/v1',
      prompts: changed.map((p) => ({
        name: p.file.name,
        type: p.file.type,
        ...(p.file.description ? { description: p.file.description } : {}),
        versions: [versionOf(p, message ?? `Pushed from ${p.local.relative}`)],
      })),
    };
    try {
      const { items } = await unwrap(
        conn.client.POST('/api/v1/orgs/{orgId}/prompts-import', {
          params: { path: { orgId: conn.orgId } },
          body: doc,
        }),
      );
      for (const item of items)
        results.set(
          item.name,
          item.created ? 'created (version 1)' : `new version ${item.createdVersions.join(', ')}`,
        );
    } catch (err) {
      throw withFileNames(toCliError(err, 'Pushing'), changed);
    }
  }
  for (const p of plan) {
    const status = results.get(p.file.name);
    const what = status ? `${status}${p.server ? ` (${p.changed.join(', ')})` : ''}` : 'unchanged';
    out.line(`${p.local.relative}  ${what}`);
    labelNote(p, out);
  }
  out.line(`Pushed ${changed.length} of ${plan.length} prompt(s) to ${conn.orgName}.`);
  return EXIT.ok;
}

/** Server field paths (`prompts.3.versions.0.template`) name the file at fault instead. */
function withFileNames(error: CliError, sent: PlannedFile[]): CliError {
  const details = error.details.map((line) =>
    line.replace(/prompts\.(\d+)\.(?:versions\.0\.)?/, (whole, i: string) => {
      const p = sent[Number(i)];
      return p ? `${p.local.relative}: ` : whole;
    }),
  );
  return new CliError(error.exitCode, error.message.replace(/\.?$/, '; nothing was pushed.'), details);
}

function labelNote(p: PlannedFile, out: Output): void {
  const wanted = p.file.labels ?? {};
  const actual = p.server?.labels ?? {};
  const differs = Object.entries(wanted).filter(([label, version]) => actual[label] !== version);
  if (differs.length === 0) return;
  const list = differs.map(
    ([label, version]) => `${label} → ${version} (server: ${actual[label] ?? 'none'})`,
  );
  out.line(
    `  note: labels are not pushed; ${list.join(', ')}. Use \`promptops prompts promote ${p.file.name} --version N --label L\`.`,
  );
}
