import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The project files around the generated graph: package.json, langgraph.json, tsconfig.json,
 * .env.example and README.md.
 */

/** The libraries the generated code uses: the versions this server runs its own workflows with. */
const RUNTIME_PACKAGES = ['@bufbuild/cel', '@langchain/core', '@langchain/langgraph'] as const;
/** Tools only (running TypeScript, type checks): any release of the major version will do. */
const TOOLS = { tsx: '^4.20.0' };
const DEV_TOOLS = { '@types/node': '^20.12.0', typescript: '^5.9.0' };

const versions = new Map<string, string>();

/** The installed version of a package, from its package.json (found from the entry point when hidden). */
export function installedVersion(name: string): string {
  const known = versions.get(name);
  if (known) return known;
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    // An exports map without ./package.json: walk up from the entry point.
    dir = path.dirname(require.resolve(name));
  }
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === name && pkg.version) {
        versions.set(name, pkg.version);
        return pkg.version;
      }
    } catch {
      // No package.json at this level (a dist folder): keep walking up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the installed version of ${name}`);
    dir = parent;
  }
}

/** An npm package name: lower case, URL-safe, at most 214 characters. */
function packageName(workflowName: string): string {
  const slug = workflowName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, 180);
  return `promptops-workflow-${slug}`;
}

/** The graph's id in langgraph.json: the workflow name with `/` (folders) as `-`. */
export function graphId(workflowName: string): string {
  return workflowName.replace(/[^A-Za-z0-9._-]+/g, '-');
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function packageJson(name: string, version: number): string {
  return json({
    name: packageName(name),
    version: `${version}.0.0`,
    private: true,
    description: `The PromptOps workflow ${JSON.stringify(name)}, version ${version}, as a LangGraph.js project`,
    type: 'module',
    engines: { node: '>=20.12' },
    scripts: { start: 'node --import tsx src/main.ts', typecheck: 'tsc --noEmit' },
    dependencies: {
      ...Object.fromEntries(RUNTIME_PACKAGES.map((n) => [n, installedVersion(n)])),
      ...TOOLS,
    },
    devDependencies: DEV_TOOLS,
  });
}

/** The LangGraph CLI's configuration (`langgraph dev`, LangGraph Platform). */
export function langgraphJson(name: string): string {
  return json({
    node_version: '20',
    graphs: { [graphId(name)]: './src/graph.ts:graph' },
    env: '.env',
    dependencies: ['.'],
  });
}

export const TSCONFIG_JSON = json({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['src'],
});

export function envExample(orgId: string): string {
  return [
    '# The PromptOps server that runs the prompt nodes: its address, e.g. https://promptops.example.com',
    'PROMPTOPS_URL=',
    '# An API key of the organization with the editor (or admin) role: it reads and runs prompts',
    'PROMPTOPS_API_KEY=',
    '# The organization whose prompts run; default: the one the workflow was exported from',
    `PROMPTOPS_ORG_ID=${orgId}`,
    '',
  ].join('\n');
}

export function readme(name: string, version: number): string {
  const id = graphId(name);
  return `# ${name} (version ${version})

This is the PromptOps workflow \`${name}\`, version ${version}, exported as a
[LangGraph.js](https://langchain-ai.github.io/langgraphjs/) project. Its prompt nodes run the
organization's stored prompts through the PromptOps API, so a run here gives the same output as a
run in PromptOps.

| File | What it holds |
|---|---|
| \`src/graph.ts\` | The generated graph: one state channel per node id, one LangGraph node per workflow node |
| \`src/runtime.ts\` | Templates, CEL conditions, prompt calls, the HTTP and code tools |
| \`src/main.ts\` | Runs the workflow once from the command line |
| \`promptops-workflow.json\` | The workflow as PromptOps stores it: what an import reads back |

## Run it

\`\`\`sh
npm install
cp .env.example .env   # then set PROMPTOPS_URL and PROMPTOPS_API_KEY
npm start -- '{"input": {"question": "What is LangGraph?"}}'
\`\`\`

The run prints \`{"status": "succeeded", "output": …}\`. A human node stops the run with
\`{"status": "waiting", "waiting": {"nodeId", "message"}}\` unless the command gives its decision:
\`{"input": {…}, "decisions": {"<nodeId>": {"approved": true, "comment": "ok"}}}\`.

## Serve it with the LangGraph CLI

\`\`\`sh
npx @langchain/langgraph-cli dev
\`\`\`

serves the graph \`${id}\` with LangGraph Studio and the LangGraph API. Start a run with
\`{"input": {…}}\` as its input; a human node interrupts the run with \`{nodeId, message}\`, and
the run goes on when resumed with \`Command({resume: {"approved": true}})\`.

## How it differs from a run in PromptOps

- Runs keep their state in memory (\`npm start\`) or in the LangGraph server's store: a run is not
  durable unless you compile the graph with a persistent checkpointer.
- The code tool runs in a \`node:vm\` context, which is not a sandbox (PromptOps uses QuickJS): run
  only code you trust.
- The HTTP tool allows any http(s) URL: the organization's egress policy and host allow-list
  apply only in PromptOps.
- Prompt runs are recorded in PromptOps as API runs, not as steps of a workflow run.

Change the workflow in PromptOps and export it again rather than editing \`src/graph.ts\`: an
import reads \`promptops-workflow.json\` only.
`;
}
