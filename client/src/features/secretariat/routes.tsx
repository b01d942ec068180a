import { Navigate, type RouteObject } from 'react-router';
import { lazyPart } from '../../components/Later';

const AccountGate = lazyPart(async () => (await import('../facilitator/AccountGate')).AccountGate);
const ArchivePage = lazyPart(async () => (await import('./ArchivePage')).ArchivePage);
const RegisterPage = lazyPart(async () => (await import('./RegisterPage')).RegisterPage);
const ReportPage = lazyPart(async () => (await import('./ReportPage')).ReportPage);
const SinceLastPage = lazyPart(async () => (await import('./SinceLastPage')).SinceLastPage);
const StatsPage = lazyPart(async () => (await import('./StatsPage')).StatsPage);
const OrganizationTypesPage = lazyPart(async () => (await import('./OrganizationTypesPage')).OrganizationTypesPage);
const OrganizationsPage = lazyPart(async () => (await import('../directory/OrganizationsPage')).OrganizationsPage);
const OrganizationFormPage = lazyPart(async () => (await import('../directory/OrganizationFormPage')).OrganizationFormPage);
const ImportPage = lazyPart(async () => (await import('../directory/ImportPage')).ImportPage);
const OrganizationPage = lazyPart(async () => (await import('../directory/OrganizationPage')).OrganizationPage);
const ResourceFormPage = lazyPart(async () => (await import('../directory/ResourceFormPage')).ResourceFormPage);
const DirectoryPage = lazyPart(async () => (await import('../directory/DirectoryPage')).DirectoryPage);
const SpacesPage = lazyPart(async () => (await import('../spaces/SpacesPage')).SpacesPage);
const SpaceSettingsPage = lazyPart(async () => (await import('../spaces/SpaceSettingsPage')).SpaceSettingsPage);
const DirectoryFiguresPage = lazyPart(async () => (await import('../directory/FiguresPage')).FiguresPage);
const TaxonomiesPage = lazyPart(async () => (await import('../directory/TaxonomiesPage')).TaxonomiesPage);

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
    { path: 'organizations', element: <OrganizationsPage /> },
    { path: 'organizations/new', element: <OrganizationFormPage /> },
    { path: 'organizations/import', element: <ImportPage /> },
    { path: 'organizations/:id', element: <OrganizationPage /> },
    { path: 'organizations/:id/edit', element: <OrganizationFormPage /> },
    { path: 'organizations/:id/resources/new', element: <ResourceFormPage /> },
    { path: 'organizations/:id/resources/:resourceId', element: <ResourceFormPage /> },
    { path: 'directory', element: <DirectoryPage /> },
    { path: 'directory/figures', element: <DirectoryFiguresPage /> },
    { path: 'directory/taxonomies', element: <TaxonomiesPage /> },
    { path: 'spaces', element: <SpacesPage /> },
    { path: 'spaces/:id', element: <SpaceSettingsPage /> },
    { path: 'sessions/:id/report', element: <ReportPage /> },
    { path: 'sessions/:id/since-last', element: <SinceLastPage /> },
  ],
};
