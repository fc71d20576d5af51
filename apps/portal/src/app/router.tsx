import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSession } from '../auth/require-session';
import { ErrorScreen } from '../shared/error-screen';
import { PortalLayout } from './portal-layout';

/** Each screen is its own chunk: the first screen loads only the login page and the shell. */
const screen = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const router = createBrowserRouter([
  { path: '/login', ...screen(() => import('../login/login-page')), errorElement: <ErrorScreen /> },
  {
    element: <RequireSession />,
    errorElement: <ErrorScreen />,
    children: [
      {
        element: <PortalLayout />,
        children: [
          { index: true, ...screen(() => import('../home/landing-redirect')) },
          { path: 'home', ...screen(() => import('../home/home-page')) },
          { path: 'organizations', ...screen(() => import('../organizations/organizations-list/organizations-page')) },
          { path: 'organizations/:orgId', ...screen(() => import('../organizations/edit-organization/edit-organization-page')) },
          { path: 'organizations/:orgId/users', ...screen(() => import('../users/users-list/users-page')) },
          { path: 'organizations/:orgId/users/import', ...screen(() => import('../users-import/import-users/import-users-page')) },
          { path: 'organizations/:orgId/store', ...screen(() => import('../store/e-store/e-store-page')) },
          { path: 'organizations/:orgId/services', ...screen(() => import('../subscriptions/my-services/my-services-page')) },
          { path: 'organizations/:orgId/billing/report', ...screen(() => import('../billing/billing-report/billing-report-page')) },
          { path: 'organizations/:orgId/billing/details', ...screen(() => import('../billing/billing-details/billing-details-page')) },
          { path: 'organizations/:orgId/transactions/:transactionId', ...screen(() => import('../links/transaction-page')) },
          { path: 'approvals/:transactionId', ...screen(() => import('../links/approval-page')) },
          { path: 'organizations/:orgId/users/new', ...screen(() => import('../users/new-user/new-user-page')) },
          { path: 'account', ...screen(() => import('../account/my-account/my-account-page')) },
          { path: 'support', ...screen(() => import('../support/support-request/support-request-page')) },
          { path: 'approvals', ...screen(() => import('../approvals/approvals-inbox/approvals-inbox-page')) },
          { path: 'organizations/:orgId/transactions', ...screen(() => import('../transactions/transactions-list/transactions-page')) },
          { path: 'organizations/:orgId/approval-chains', ...screen(() => import('../approval-chains/edit-approval-chains/edit-approval-chains-page')) },
          { path: 'out-of-office', ...screen(() => import('../out-of-office/set-out-of-office/out-of-office-page')) },
          { path: 'organizations/:orgId/budgets', ...screen(() => import('../budgets/manage-budgets/budgets-page')) },
          { path: 'billing-summary', ...screen(() => import('../billing-summary/billing-summary-report/billing-summary-page')) },
          { path: 'reseller/properties', ...screen(() => import('../resellers/reseller-properties/reseller-properties-page')) },
          { path: 'catalog', ...screen(() => import('../catalog/products-list/products-page')) },
          { path: 'organizations/:orgId/store-curation', ...screen(() => import('../store-curation/curate-store/curate-store-page')) },
          { path: 'resellers', ...screen(() => import('../resellers/resellers-list/resellers-page')) },
          { path: 'organizations/:orgId/activity', ...screen(() => import('../activity/activity-log/activity-log-page')) },
          { path: 'activity', ...screen(() => import('../activity/activity-log/activity-log-page')) },
          { path: 'organizations/:orgId/webhooks', ...screen(() => import('../webhooks/manage-webhooks/webhooks-page')) },
          { path: 'webhooks', ...screen(() => import('../webhooks/manage-webhooks/webhooks-page')) },
          { path: '*', ...screen(() => import('../shared/not-found-page')) },
        ],
      },
    ],
  },
]);
