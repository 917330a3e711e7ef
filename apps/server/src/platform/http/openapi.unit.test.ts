import { describe, expect, it } from 'vitest';
import { collapseIdenticalInputSchemas } from './openapi.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('collapseIdenticalInputSchemas', () => {
  it('drops an input copy that differs only by closedness and points its references at the output schema', () => {
    const doc = collapseIdenticalInputSchemas({
      paths: {
        '/x': { post: { requestBody: { content: { 'application/json': { schema: ref('ItemInput') } } } } },
      },
      components: {
        schemas: {
          Item: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
          ItemInput: { properties: { a: { type: 'string' } }, type: 'object' },
        },
      },
    });
    expect(Object.keys(doc.components!.schemas!)).toEqual(['Item']);
    expect(JSON.stringify(doc.paths)).toContain('"#/components/schemas/Item"');
    expect(JSON.stringify(doc.paths)).not.toContain('ItemInput');
  });

  it('keeps an input schema that really differs (a default makes a field optional on input)', () => {
    const doc = collapseIdenticalInputSchemas({
      components: {
        schemas: {
          Page: { type: 'object', properties: { limit: { type: 'number' } }, required: ['limit'] },
          PageInput: { type: 'object', properties: { limit: { type: 'number', default: 50 } } },
        },
      },
    });
    expect(Object.keys(doc.components!.schemas!).sort()).toEqual(['Page', 'PageInput']);
  });

  it('keeps a pair whose only difference is a reference to a pair that differs, and collapses mutual references', () => {
    const doc = collapseIdenticalInputSchemas({
      components: {
        schemas: {
          Page: { type: 'object', required: ['limit'] },
          PageInput: { type: 'object' },
          List: { type: 'object', properties: { page: ref('Page') } },
          ListInput: { type: 'object', properties: { page: ref('PageInput') } },
          Node: { type: 'object', properties: { next: ref('Node') } },
          NodeInput: { type: 'object', properties: { next: ref('NodeInput') } },
        },
      },
    });
    expect(Object.keys(doc.components!.schemas!).sort()).toEqual([
      'List',
      'ListInput',
      'Node',
      'Page',
      'PageInput',
    ]);
    expect(doc.components!.schemas!.ListInput).toEqual({
      type: 'object',
      properties: { page: ref('PageInput') },
    });
  });
});
