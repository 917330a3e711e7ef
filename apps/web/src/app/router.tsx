import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { Skeleton } from '@mantine/core';
import { AppLayout } from '../components/app-layout';
import { NotFoundPage, OrgNotFoundPage } from '../components/not-found-page';
import { RequireAuth, RequirePermission } from '../components/route-guards';
import { ApiKeysPage } from '../features/api-keys/api-keys-page';
import { AuditPage } from '../features/audit/audit-page';
import { DatasetPage } from '../features/datasets/dataset-page';
import { DatasetsPage } from '../features/datasets/datasets-page';
import { EvaluationPage } from '../features/evaluations/evaluation-page';
import { EvaluationsPage } from '../features/evaluations/evaluations-page';
import { NewEvaluationPage } from '../features/evaluations/new-evaluation-page';
import { ExperimentsPage } from '../features/experiments/experiments-page';
import { NewExperimentPage } from '../features/experiments/new-experiment-page';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page';
import { LoginPage } from '../features/auth/login-page';
import { ResetPasswordPage } from '../features/auth/reset-password-page';
import { VerifyEmailPage } from '../features/auth/verify-email-page';
import { SignupPage } from '../features/auth/signup-page';
import { MembersPage } from '../features/members/members-page';
import { OrgHomePage } from '../features/orgs/org-home-page';
import { PromptsPage } from '../features/prompts/prompts-page';
import { SharedPromptPage } from '../features/prompts/shared-prompt-page';
import { ProvidersPage } from '../features/providers/providers-page';
import { ReviewSettingsPage } from '../features/review/review-settings-page';
import { ReviewsPage } from '../features/review/reviews-page';
import { RootRedirect } from '../features/orgs/root-redirect';
import { WebhooksPage } from '../features/webhooks/webhooks-page';
import { WorkflowsPage } from '../features/workflows/workflows-page';

// Monaco is large: the playground and its editor load on first visit, not with the app shell.
const PlaygroundPage = lazy(() => import('../features/playground/playground-page'));
// So are the charts: the pages that draw them load on first visit too.
const AnalyticsPage = lazy(() =>
  import('../features/analytics/analytics-page').then((m) => ({ default: m.AnalyticsPage })),
);
// Diffs draw in Monaco's diff editor: the pages that show one load it on first visit.
const PromptDiffPage = lazy(() => import('../features/review/prompt-diff-page'));
const ReviewPage = lazy(() =>
  import('../features/review/review-page').then((m) => ({ default: m.ReviewPage })),
);
// React Flow and ELK load with the workflow editor, not with the app shell.
const WorkflowEditorPage = lazy(() => import('../features/workflows/workflow-editor-page'));
const ExperimentPage = lazy(() =>
  import('../features/experiments/experiment-page').then((m) => ({ default: m.ExperimentPage })),
);

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Skeleton h={480} data-testid="loading" />}>{children}</Suspense>;
}

function Playground() {
  return (
    <RequirePermission permission="prompts:read">
      <Lazy>
        <PlaygroundPage />
      </Lazy>
    </RequirePermission>
  );
}

/** Organization pages, relative to /orgs/:orgId. Modules add theirs here and in NAV_ITEMS. */
const orgRoutes: RouteObject[] = [
  { index: true, element: <OrgHomePage /> },
  {
    path: 'prompts',
    element: (
      <RequirePermission permission="prompts:read">
        <PromptsPage />
      </RequirePermission>
    ),
  },
  // Names keep their folders as path segments: /prompts/support/email/reply.
  { path: 'prompts/*', element: <Playground /> },
  { path: 'playground', element: <Playground /> },
  {
    path: 'compare/*',
    element: (
      <RequirePermission permission="prompts:read">
        <Lazy>
          <PromptDiffPage />
        </Lazy>
      </RequirePermission>
    ),
  },
  {
    path: 'reviews',
    element: (
      <RequirePermission permission="reviews:read">
        <ReviewsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'reviews/settings',
    element: (
      <RequirePermission permission="reviews:read">
        <ReviewSettingsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'reviews/:reviewId',
    element: (
      <RequirePermission permission="reviews:read">
        <Lazy>
          <ReviewPage />
        </Lazy>
      </RequirePermission>
    ),
  },
  {
    path: 'datasets',
    element: (
      <RequirePermission permission="datasets:read">
        <DatasetsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'datasets/:datasetId',
    element: (
      <RequirePermission permission="datasets:read">
        <DatasetPage />
      </RequirePermission>
    ),
  },
  {
    path: 'evaluations',
    element: (
      <RequirePermission permission="evaluations:read">
        <EvaluationsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'evaluations/new',
    element: (
      <RequirePermission permission="evaluations:run">
        <NewEvaluationPage />
      </RequirePermission>
    ),
  },
  {
    path: 'evaluations/:evaluationId',
    element: (
      <RequirePermission permission="evaluations:read">
        <EvaluationPage />
      </RequirePermission>
    ),
  },
  {
    path: 'experiments',
    element: (
      <RequirePermission permission="experiments:read">
        <ExperimentsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'experiments/new',
    element: (
      <RequirePermission permission="experiments:write">
        <NewExperimentPage />
      </RequirePermission>
    ),
  },
  {
    path: 'experiments/:experimentId',
    element: (
      <RequirePermission permission="experiments:read">
        <Lazy>
          <ExperimentPage />
        </Lazy>
      </RequirePermission>
    ),
  },
  {
    path: 'workflows',
    element: (
      <RequirePermission permission="workflows:read">
        <WorkflowsPage />
      </RequirePermission>
    ),
  },
  // Names keep their folders as path segments: /workflows/support/triage.
  {
    path: 'workflows/*',
    element: (
      <RequirePermission permission="workflows:read">
        <Lazy>
          <WorkflowEditorPage />
        </Lazy>
      </RequirePermission>
    ),
  },
  {
    path: 'analytics',
    element: (
      <RequirePermission permission="analytics:read">
        <Lazy>
          <AnalyticsPage />
        </Lazy>
      </RequirePermission>
    ),
  },
  {
    path: 'providers',
    element: (
      <RequirePermission permission="providers:read">
        <ProvidersPage />
      </RequirePermission>
    ),
  },
  {
    path: 'members',
    element: (
      <RequirePermission permission="members:read">
        <MembersPage />
      </RequirePermission>
    ),
  },
  {
    path: 'api-keys',
    element: (
      <RequirePermission permission="api-keys:read">
        <ApiKeysPage />
      </RequirePermission>
    ),
  },
  {
    path: 'webhooks',
    element: (
      <RequirePermission permission="webhooks:read">
        <WebhooksPage />
      </RequirePermission>
    ),
  },
  {
    path: 'audit',
    element: (
      <RequirePermission permission="audit:read">
        <AuditPage />
      </RequirePermission>
    ),
  },
  { path: '*', element: <OrgNotFoundPage /> },
];

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/verify-email', element: <VerifyEmailPage /> },
  // A share link opens without an account: outside RequireAuth and the app layout.
  { path: '/shared/:token', element: <SharedPromptPage /> },
  {
    element: <RequireAuth />,
    children: [
      { path: '/', element: <RootRedirect /> },
      { path: '/orgs/:orgId', element: <AppLayout />, children: orgRoutes },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
