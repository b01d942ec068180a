import { Navigate, type RouteObject } from 'react-router';
import { ensurePlatformTexts } from '../../app/i18n';
import { lazyPart } from '../../components/Later';

// Every secretariat screen has the platform's links in its menu: their texts load with it.
const AccountGate = lazyPart(async () => (await Promise.all([import('../facilitator/AccountGate'), ensurePlatformTexts()]))[0].AccountGate);
const ArchivePage = lazyPart(async () => (await Promise.all([import('./ArchivePage'), ensurePlatformTexts()]))[0].ArchivePage);
const RegisterPage = lazyPart(async () => (await Promise.all([import('./RegisterPage'), ensurePlatformTexts()]))[0].RegisterPage);
const ReportPage = lazyPart(async () => (await Promise.all([import('./ReportPage'), ensurePlatformTexts()]))[0].ReportPage);
const SinceLastPage = lazyPart(async () => (await Promise.all([import('./SinceLastPage'), ensurePlatformTexts()]))[0].SinceLastPage);
const StatsPage = lazyPart(async () => (await Promise.all([import('./StatsPage'), ensurePlatformTexts()]))[0].StatsPage);
const OrganizationTypesPage = lazyPart(async () => (await Promise.all([import('./OrganizationTypesPage'), ensurePlatformTexts()]))[0].OrganizationTypesPage);
const OrganizationsPage = lazyPart(async () => (await Promise.all([import('../directory/OrganizationsPage'), ensurePlatformTexts()]))[0].OrganizationsPage);
const OrganizationFormPage = lazyPart(async () => (await Promise.all([import('../directory/OrganizationFormPage'), ensurePlatformTexts()]))[0].OrganizationFormPage);
const ImportPage = lazyPart(async () => (await Promise.all([import('../directory/ImportPage'), ensurePlatformTexts()]))[0].ImportPage);
const OrganizationPage = lazyPart(async () => (await Promise.all([import('../directory/OrganizationPage'), ensurePlatformTexts()]))[0].OrganizationPage);
const ResourceFormPage = lazyPart(async () => (await Promise.all([import('../directory/ResourceFormPage'), ensurePlatformTexts()]))[0].ResourceFormPage);
const DirectoryPage = lazyPart(async () => (await Promise.all([import('../directory/DirectoryPage'), ensurePlatformTexts()]))[0].DirectoryPage);
const SpacesPage = lazyPart(async () => (await Promise.all([import('../spaces/SpacesPage'), ensurePlatformTexts()]))[0].SpacesPage);
const SpaceSettingsPage = lazyPart(async () => (await Promise.all([import('../spaces/SpaceSettingsPage'), ensurePlatformTexts()]))[0].SpaceSettingsPage);
const DirectoryFiguresPage = lazyPart(async () => (await Promise.all([import('../directory/FiguresPage'), ensurePlatformTexts()]))[0].FiguresPage);
const TaxonomiesPage = lazyPart(async () => (await Promise.all([import('../directory/TaxonomiesPage'), ensurePlatformTexts()]))[0].TaxonomiesPage);

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
