import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_EXPORT_FORMAT, type WorkflowGraph } from '@promptops/contracts';
import { AppError } from '../../../platform/errors.js';
import { exportLangGraphProject, readExportedWorkflow } from './index.js';
import { PROJECT_RUNTIME_SOURCE } from './runtime-source.generated.js';

const ORG = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

/** Every kind of node, with text that would break code built by pasting strings together. */
const NASTY =
  'a `tick` ${process.exit(1)} "double" \'single\' */ /* \\ \\{{x}} \n second line \u2028 </script>';

function sampleGraph(): WorkflowGraph {
  return {
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { inputs: ['question'] } },
      {
        id: 'classify',
        type: 'prompt',
        data: {
          prompt: { name: 'support/classify', label: 'production' },
          modelId: '0b7a3c1e-9d2f-4a6b-8c5e-1f2a3b4c5d6e',
          variables: { text: `{{input.question}} ${NASTY}`, 'odd key */': '`${x}`' },
        },
      },
      {
        id: 'check',
        type: 'condition',
        data: { branches: [{ id: 'refund', when: 'classify.output.contains("*/ `${x}`")' }] },
      },
      { id: 'fan', type: 'parallel', data: {} },
      {
        id: 'call',
        type: 'tool',
        data: {
          kind: 'http',
          method: 'POST',
          url: 'https://example.com/{{input.q}}',
          body: NASTY,
          headers: { 'x-note': NASTY },
        },
      },
      {
        id: 'code',
        type: 'tool',
        data: { kind: 'code', code: `function run(state) { return ${JSON.stringify(NASTY)} }` },
      },
      { id: 'join', type: 'join', data: {} },
      {
        id: 'loop1',
        type: 'loop',
        data: { maxIterations: 3, until: `loop1.iteration >= 2 || "${'*/'}" == ""` },
      },
      { id: 'step', type: 'human', data: { message: NASTY } },
      { id: 'done', type: 'end', data: { output: NASTY } },
      { id: 'other', type: 'end', data: { output: 'no {{check.branch}}' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'classify' },
      { id: 'e2', source: 'classify', target: 'check' },
      { id: 'e3', source: 'check', target: 'fan', sourceHandle: 'refund' },
      { id: 'e4', source: 'check', target: 'other', sourceHandle: 'else' },
      { id: 'e5', source: 'fan', target: 'call' },
      { id: 'e6', source: 'fan', target: 'code' },
      { id: 'e7', source: 'call', target: 'join' },
      { id: 'e8', source: 'code', target: 'join' },
      { id: 'e9', source: 'join', target: 'loop1' },
      { id: 'e10', source: 'loop1', target: 'step', sourceHandle: 'body' },
      { id: 'e11', source: 'step', target: 'loop1', sourceHandle: null },
      { id: 'e12', source: 'loop1', target: 'done', sourceHandle: 'done' },
    ],
  };
}

const exportSample = (graph = sampleGraph()) =>
  exportLangGraphProject({ name: 'support/triage', version: 4, graph, orgId: ORG });

/** The same data with every object's keys in reverse order, as a database may hand them back. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

/** The string literals of a TypeScript file and its syntax errors. */
function parseSource(text: string) {
  const file = ts.createSourceFile('graph.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const strings: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node)) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  const { diagnostics } = ts.transpileModule(text, { reportDiagnostics: true, fileName: 'graph.ts' });
  return {
    strings,
    errors: (diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  };
}

/** The code and comments of a TypeScript file with every string literal taken out. */
function codeOutsideStrings(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  const parts: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.StringLiteral) parts.push(scanner.getTokenText());
  }
  return parts.join('');
}

/** The field errors of a validation failure. */
function fieldErrors(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    return (err as AppError).extra.errors ?? [];
  }
  throw new Error('expected a validation error');
}

describe('exportLangGraphProject', () => {
  it('writes the LangGraph project files', () => {
    const files = exportSample();
    expect(Object.keys(files).sort()).toEqual([
      '.env.example',
      'README.md',
      'langgraph.json',
      'package.json',
      'promptops-workflow.json',
      'src/graph.ts',
      'src/main.ts',
      'src/runtime.ts',
      'tsconfig.json',
    ]);
    expect(JSON.parse(files['langgraph.json']!)).toEqual({
      node_version: '20',
      graphs: { 'support-triage': './src/graph.ts:graph' },
      env: '.env',
      dependencies: ['.'],
    });
    expect(files['.env.example']).toContain(`PROMPTOPS_ORG_ID=${ORG}`);
    expect(files['src/graph.ts']).toContain(`orgId: ${JSON.stringify(ORG)}`);
    expect(files['src/runtime.ts']).toBe(PROJECT_RUNTIME_SOURCE);
  });

  it('pins the versions of LangGraph, LangChain core and CEL installed with the server', () => {
    const installed = (name: string) =>
      (
        JSON.parse(
          readFileSync(
            new URL(`../../../../../../node_modules/${name}/package.json`, import.meta.url),
            'utf8',
          ),
        ) as { version: string }
      ).version;
    const pkg = JSON.parse(exportSample()['package.json']!) as {
      type: string;
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.type).toBe('module');
    expect(pkg.scripts.start).toBe('node --import tsx src/main.ts');
    for (const name of ['@langchain/langgraph', '@langchain/core', '@bufbuild/cel'])
      expect(pkg.dependencies[name]).toBe(installed(name));
  });

  it('gives the same bytes for the same graph, whatever the order of its object keys', () => {
    const first = exportSample();
    expect(exportSample()).toEqual(first);
    expect(exportSample(reverseKeys(sampleGraph()) as WorkflowGraph)).toEqual(first);
  });

  it('keeps every string of the graph a string literal of the generated code', () => {
    const source = exportSample()['src/graph.ts']!;
    const { strings, errors } = parseSource(source);
    expect(errors).toEqual([]);
    const graph = sampleGraph();
    const texts = [
      NASTY,
      `{{input.question}} ${NASTY}`,
      '`${x}`',
      'odd key */',
      'classify.output.contains("*/ `${x}`")',
      `function run(state) { return ${JSON.stringify(NASTY)} }`,
      (graph.nodes.find((n) => n.id === 'loop1')!.data as { until: string }).until,
    ];
    for (const text of texts) expect(strings).toContain(text);
    // Outside string literals (code and comments) there is no trace of the graph's text.
    const outside = codeOutsideStrings(source);
    for (const fragment of ['process.exit', 'tick', 'second line', 'odd key', '</script>'])
      expect(outside).not.toContain(fragment);
  });

  it('refuses a graph it cannot turn into code, naming the field', () => {
    const graph = sampleGraph();
    graph.nodes[1] = { ...graph.nodes[1]!, id: 'input' };
    expect(fieldErrors(() => exportSample(graph))).toEqual([
      { path: 'graph.nodes.1.id', message: '"input" is reserved for the run\'s state' },
      { path: 'graph.edges.0.target', message: 'no node "classify"' },
      { path: 'graph.edges.1.source', message: 'no node "classify"' },
    ]);
    const noDone = sampleGraph();
    noDone.edges = noDone.edges.filter((e) => e.id !== 'e12');
    expect(fieldErrors(() => exportSample(noDone))).toEqual([
      { path: 'graph.edges', message: 'node "loop1" needs exactly one edge from "done", not 0' },
    ]);
    expect(
      fieldErrors(() =>
        exportLangGraphProject({
          name: 'a`b\n',
          version: 0,
          graph: sampleGraph(),
          orgId: 'x\nPROMPTOPS_URL=evil',
        }),
      ),
    ).toEqual([
      { path: 'name', message: 'not a workflow name' },
      { path: 'version', message: 'not a version number' },
      { path: 'orgId', message: 'not an organization id' },
    ]);
    const badData = sampleGraph();
    badData.nodes[7] = { id: 'loop1', type: 'loop', data: { maxIterations: 0, until: 'true' } };
    expect(fieldErrors(() => exportSample(badData))[0]!.path).toBe('graph.nodes.7.data.maxIterations');
  });
});

describe('readExportedWorkflow', () => {
  const FILE = 'promptops-workflow.json';
  const withDocument = (document: unknown) => ({ ...exportSample(), [FILE]: JSON.stringify(document) });

  it('reads back the exported name, version and graph', () => {
    const graph = sampleGraph();
    expect(readExportedWorkflow(exportSample(graph))).toEqual({ name: 'support/triage', version: 4, graph });
    expect(JSON.parse(exportSample()[FILE]!).format).toBe(WORKFLOW_EXPORT_FORMAT);
  });

  it('refuses a format newer than the server reads, naming the file', () => {
    const document = JSON.parse(exportSample()[FILE]!) as Record<string, unknown>;
    const errors = fieldErrors(() => readExportedWorkflow(withDocument({ ...document, format: 99 })));
    expect(errors).toEqual([
      {
        path: `files.${FILE}`,
        message: `format 99 is newer than this server reads (up to ${WORKFLOW_EXPORT_FORMAT}): upgrade PromptOps to import it`,
      },
    ]);
    expect(
      fieldErrors(() => readExportedWorkflow(withDocument({ ...document, format: 0 })))[0]!.message,
    ).toBe('format 0 is not a PromptOps export format');
  });

  it('says what is wrong with a missing, broken or incomplete file', () => {
    const { [FILE]: _dropped, ...rest } = exportSample();
    expect(fieldErrors(() => readExportedWorkflow(rest))).toEqual([
      { path: `files.${FILE}`, message: `missing: an exported project holds the workflow in ${FILE}` },
    ]);
    expect(fieldErrors(() => readExportedWorkflow({ [FILE]: '{"format": 1,' }))[0]!.message).toMatch(
      /^not JSON/,
    );
    expect(fieldErrors(() => readExportedWorkflow({ [FILE]: '[1]' }))[0]!.message).toBe(
      'must be a JSON object',
    );
    expect(fieldErrors(() => readExportedWorkflow(withDocument({ name: 'x', version: 1 })))[0]!.message).toBe(
      'format: missing; this file was not written by a PromptOps export',
    );
    const noGraph = fieldErrors(() =>
      readExportedWorkflow(withDocument({ format: 1, name: 'x', version: 1 })),
    );
    expect(noGraph).toEqual([{ path: `files.${FILE}`, message: expect.stringMatching(/^graph: /) }]);
  });
});

describe('the runtime copied into every export', () => {
  it('is the text of project-runtime.ts (npm run workflow-runtime regenerates it)', () => {
    expect(PROJECT_RUNTIME_SOURCE).toBe(
      readFileSync(new URL('./project-runtime.ts', import.meta.url), 'utf8'),
    );
  });
});
