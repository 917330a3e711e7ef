import type { ComponentType } from 'react';
import {
  IconArrowsSplit,
  IconChartBar,
  IconChartLine,
  IconDatabase,
  IconFlask,
  IconGitPullRequest,
  IconHierarchy3,
  IconHome,
  IconKey,
  IconListSearch,
  IconMessages,
  IconPlugConnected,
  IconUsers,
  IconWebhook,
  type IconProps,
} from '@tabler/icons-react';
import type { NavEntry } from './navigation';

export interface NavItem extends NavEntry {
  icon: ComponentType<IconProps>;
  /** One line for the overview page's cards. */
  description: string;
}

/**
 * The organization navigation. Modules add an entry here (Playground, Prompts, Providers, …)
 * with the permission that gates it; entries a role lacks are hidden.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    label: 'Overview',
    path: '',
    permission: 'org:read',
    icon: IconHome,
    testId: 'nav-overview',
    description: 'Where this organization stands.',
  },
  {
    label: 'Prompts',
    path: 'prompts',
    permission: 'prompts:read',
    icon: IconMessages,
    testId: 'nav-prompts',
    description: 'Versioned prompts in folders, with labels and import/export.',
  },
  {
    label: 'Playground',
    path: 'playground',
    permission: 'prompts:read',
    icon: IconFlask,
    testId: 'nav-playground',
    description: 'Write a prompt, run it on any model and watch it stream, with tokens and cost.',
  },
  {
    label: 'Reviews',
    path: 'reviews',
    permission: 'reviews:read',
    icon: IconGitPullRequest,
    testId: 'nav-reviews',
    description: 'Changes to protected labels such as production, approved before they ship.',
  },
  {
    label: 'Datasets',
    path: 'datasets',
    permission: 'datasets:read',
    icon: IconDatabase,
    testId: 'nav-datasets',
    description: 'Examples with expected outputs, versioned; upload CSV or JSONL, or collect runs.',
  },
  {
    label: 'Evaluations',
    path: 'evaluations',
    permission: 'evaluations:read',
    icon: IconChartBar,
    testId: 'nav-evaluations',
    description: 'Run prompt variants over a dataset, score them and compare with confidence intervals.',
  },
  {
    label: 'Experiments',
    path: 'experiments',
    permission: 'experiments:read',
    icon: IconArrowsSplit,
    testId: 'nav-experiments',
    description: 'A/B test prompt versions on live traffic and promote the winner.',
  },
  {
    label: 'Workflows',
    path: 'workflows',
    permission: 'workflows:read',
    icon: IconHierarchy3,
    testId: 'nav-workflows',
    description:
      'Chain prompts, conditions, loops, tools and approvals into graphs; run, approve and export them.',
  },
  {
    label: 'Analytics',
    path: 'analytics',
    permission: 'analytics:read',
    icon: IconChartLine,
    testId: 'nav-analytics',
    description: 'Runs, cost, latency, errors and quality over time, with regressions flagged.',
  },
  {
    label: 'Providers & models',
    path: 'providers',
    permission: 'providers:read',
    icon: IconPlugConnected,
    testId: 'nav-providers',
    description: 'LLM providers, their keys and the model prices behind every cost figure.',
  },
  {
    label: 'Members',
    path: 'members',
    permission: 'members:read',
    icon: IconUsers,
    testId: 'nav-members',
    description: 'See who belongs to this organization and what they may do.',
  },
  {
    label: 'API keys',
    path: 'api-keys',
    permission: 'api-keys:read',
    icon: IconKey,
    testId: 'nav-api-keys',
    description: 'Keys for CI pipelines and the SDK, each with its own role.',
  },
  {
    label: 'Webhooks',
    path: 'webhooks',
    permission: 'webhooks:read',
    icon: IconWebhook,
    testId: 'nav-webhooks',
    description:
      'Signed HTTP callbacks to CI, chat and deploy tools when prompts, reviews or evaluations change.',
  },
  {
    label: 'Audit log',
    path: 'audit',
    permission: 'audit:read',
    icon: IconListSearch,
    testId: 'nav-audit',
    description: 'Every change, who made it and from where; tamper-evident.',
  },
];
