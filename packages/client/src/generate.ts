import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = `// Generated from docs/openapi.json by \`npm run openapi\`. Do not edit: a test fails when it drifts.\n\n`;

/** The TypeScript types of every path and schema of the OpenAPI document. */
export async function generateSchemaTypes(document: object): Promise<string> {
  // Ids are kept as plain strings; dates stay ISO strings (that is what arrives over the wire).
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}
