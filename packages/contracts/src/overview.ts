import { z } from 'zod';
import { Timestamp } from './common.js';

export const OverviewPrompt = z.object({
  name: z.string(),
  runs: z.number().int(),
  costUsd: z.string().describe('Exact decimal USD'),
});

export const Overview = z
  .object({
    from: Timestamp.describe('Start of the current calendar month (UTC)'),
    to: Timestamp,
    runs: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    interrupted: z.number().int().describe('Runs whose server stopped before they finished'),
    failureRate: z.number().min(0).max(1).describe('failed / runs; 0 without runs'),
    costUsd: z.string().describe('Exact decimal USD'),
    topPrompts: z.array(OverviewPrompt).describe('The most-run saved prompts this month, at most 5'),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof Overview>;
