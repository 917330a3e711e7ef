import { describe, expect, it } from 'vitest';
import { extractVariables } from '@promptops/templates';
import { starterPromptsFor, WORKFLOW_TEMPLATES } from './templates.js';

describe('starter prompts of the workflow templates', () => {
  it.each(WORKFLOW_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s: every prompt node has a starter prompt using exactly the variables the node fills in',
    (_id, template) => {
      const prompts = new Map(starterPromptsFor(template.graph).map((p) => [p.name, p.template]));
      for (const node of template.graph.nodes.filter((n) => n.type === 'prompt')) {
        const data = node.data as { prompt: { name: string }; variables: Record<string, string> };
        const text = prompts.get(data.prompt.name);
        expect(text, `${node.id} → ${data.prompt.name}`).toBeDefined();
        expect(extractVariables(text!).sort()).toEqual(Object.keys(data.variables).sort());
      }
    },
  );
});
