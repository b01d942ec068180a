import { Navigate, type RouteObject } from 'react-router';
import { AccountGate } from '../facilitator/AccountGate';

/**
 * The secretariat area, for signed-in accounts (the server decides which sessions each one
 * sees). Its screens load on first visit, so the chart library never reaches a participant's phone.
 */
export const secretariatRoute: RouteObject = {
  path: '/secretariat',
  element: <AccountGate />,
  children: [
    { index: true, element: <Navigate to="archive" replace /> },
    { path: 'archive', lazy: async () => ({ Component: (await import('./ArchivePage')).ArchivePage }) },
    { path: 'actions', lazy: async () => ({ Component: (await import('./RegisterPage')).RegisterPage }) },
    { path: 'stats', lazy: async () => ({ Component: (await import('./StatsPage')).StatsPage }) },
    { path: 'sessions/:id/report', lazy: async () => ({ Component: (await import('./ReportPage')).ReportPage }) },
    { path: 'sessions/:id/since-last', lazy: async () => ({ Component: (await import('./SinceLastPage')).SinceLastPage }) },
  ],
};
