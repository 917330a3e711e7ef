import { Problem } from '@promptops/contracts';
import { z } from 'zod';

/** The problem responses a route can produce, for the OpenAPI spec and response validation. */
export function problems(...statuses: number[]): Record<number, typeof Problem> {
  return Object.fromEntries([400, 401, ...statuses].map((s) => [s, Problem]));
}

export const NoContent = z.null().describe('No content');
