import { Navigate, type RouteObject } from 'react-router';
import { AccountGate } from '../facilitator/AccountGate';
import { ArchivePage } from './ArchivePage';
import { RegisterPage } from './RegisterPage';
import { ReportPage } from './ReportPage';
import { SinceLastPage } from './SinceLastPage';
import { StatsPage } from './StatsPage';

/** The secretariat area, for signed-in accounts (the server decides which sessions each one sees). */
export const secretariatRoute: RouteObject = {
  path: '/secretariat',
  element: <AccountGate />,
  children: [
    { index: true, element: <Navigate to="archive" replace /> },
    { path: 'archive', element: <ArchivePage /> },
    { path: 'actions', element: <RegisterPage /> },
    { path: 'stats', element: <StatsPage /> },
    { path: 'sessions/:id/report', element: <ReportPage /> },
    { path: 'sessions/:id/since-last', element: <SinceLastPage /> },
  ],
};
