import { TemplateError, type TemplateFieldError } from './errors.js';

/**
 * The variable specs stored on a version: every detected name in template order, merged with
 * the metadata the author declared. A declared variable the template doesn't use is an error
 * (it would silently never be asked for), as is declaring one twice.
 */
export function mergeVariableSpecs<S extends { name: string }>(
  detected: readonly string[],
  declared: readonly S[] | undefined,
  pathPrefix = 'variables',
): (Partial<S> & { name: string })[] {
  const byName = new Map<string, S>();
  const errors: TemplateFieldError[] = [];
  const present = new Set(detected);
  (declared ?? []).forEach((spec, i) => {
    if (byName.has(spec.name))
      errors.push({ path: `${pathPrefix}.${i}.name`, message: `{{${spec.name}}} is declared twice` });
    else if (!present.has(spec.name))
      errors.push({
        path: `${pathPrefix}.${i}.name`,
        message: `{{${spec.name}}} does not appear in the template`,
      });
    byName.set(spec.name, spec);
  });
  if (errors.length) throw new TemplateError('invalid', errors);
  return detected.map((name) => ({ ...byName.get(name), name }) as Partial<S> & { name: string });
}
