import { Navigate, type RouteObject } from 'react-router';
import { lazyPart } from '../../components/Later';

const AccountGate = lazyPart(async () => (await import('../facilitator/AccountGate')).AccountGate);
const ArchivePage = lazyPart(async () => (await import('./ArchivePage')).ArchivePage);
const RegisterPage = lazyPart(async () => (await import('./RegisterPage')).RegisterPage);
const ReportPage = lazyPart(async () => (await import('./ReportPage')).ReportPage);
const SinceLastPage = lazyPart(async () => (await import('./SinceLastPage')).SinceLastPage);
const StatsPage = lazyPart(async () => (await import('./StatsPage')).StatsPage);
const OrganizationTypesPage = lazyPart(async () => (await import('./OrganizationTypesPage')).OrganizationTypesPage);

/**
 * The secretariat area, for signed-in accounts (the server decides which sessions each one
 * sees). Its screens load on first visit, so the chart library never reaches a participant's phone.
 */
export const secretariatRoute: RouteObject = {
  path: '/secretariat',
  element: <AccountGate />,
  children: [
    { index: true, element: <Navigate to="archive" replace /> },
    { path: 'archive', element: <ArchivePage /> },
    { path: 'actions', element: <RegisterPage /> },
    { path: 'stats', element: <StatsPage /> },
    { path: 'organization-types', element: <OrganizationTypesPage /> },
    { path: 'sessions/:id/report', element: <ReportPage /> },
    { path: 'sessions/:id/since-last', element: <SinceLastPage /> },
  ],
};
