import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { AppLayout } from '../components/app-layout';
import { NotFoundPage } from '../components/not-found-page';
import { RequireAuth, RequirePermission } from '../components/route-guards';
import { ApiKeysPage } from '../features/api-keys/api-keys-page';
import { AuditPage } from '../features/audit/audit-page';
import { LoginPage } from '../features/auth/login-page';
import { SignupPage } from '../features/auth/signup-page';
import { MembersPage } from '../features/members/members-page';
import { OrgHomePage } from '../features/orgs/org-home-page';
import { RootRedirect } from '../features/orgs/root-redirect';

/** Organization pages, relative to /orgs/:orgId. Modules add theirs here and in NAV_ITEMS. */
const orgRoutes: RouteObject[] = [
  { index: true, element: <OrgHomePage /> },
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
    path: 'audit',
    element: (
      <RequirePermission permission="audit:read">
        <AuditPage />
      </RequirePermission>
    ),
  },
];

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
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
