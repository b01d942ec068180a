import { createBrowserRouter } from 'react-router';
import { Later, lazyPart } from '../components/Later';
import { JoinPage } from '../features/participant/JoinPage';
import { ParticipantBoardPage } from '../features/participant/ParticipantBoardPage';
import { secretariatRoute } from '../features/secretariat/routes';
import { ensurePlatformTexts } from './i18n';
import { Layout } from './Layout';

// Only the join page and the participant's board are loaded up front: they are what a phone
// on a slow network opens first. Every other screen loads on its first visit.
const AccountGate = lazyPart(async () => (await import('../features/facilitator/AccountGate')).AccountGate);
const HomePage = lazyPart(async () => (await import('./HomePage')).HomePage);
const LoginPage = lazyPart(async () => (await import('../features/facilitator/LoginPage')).LoginPage);
const NotFoundPage = lazyPart(async () => (await import('./NotFoundPage')).NotFoundPage);
const ProjectorPage = lazyPart(async () => (await import('../features/projector/ProjectorPage')).ProjectorPage);
const SessionPage = lazyPart(async () => (await import('../features/facilitator/SessionPage')).SessionPage);
const SessionsPage = lazyPart(async () => (await import('../features/facilitator/SessionsPage')).SessionsPage);
const SetPasswordPage = lazyPart(async () => (await import('../features/facilitator/SetPasswordPage')).SetPasswordPage);
const SetupPage = lazyPart(async () => (await import('../features/facilitator/SetupPage')).SetupPage);
const SurveyPage = lazyPart(async () => (await import('../features/survey/SurveyPage')).SurveyPage);
// The platform's screens bring their own texts (the phone's first load does not carry them).
const MemberUpdatePage = lazyPart(async () => (await Promise.all([import('../features/directory/MemberUpdatePage'), ensurePlatformTexts()]))[0].MemberUpdatePage);
const PublicDirectoryPage = lazyPart(async () => (await Promise.all([import('../features/directory/PublicDirectoryPage'), ensurePlatformTexts()]))[0].PublicDirectoryPage);

/** Every screen of the app. `/j/:code` is the join URL the server prints and encodes as QR. */
export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { path: '/', element: <HomePage /> },
        { path: '/setup', element: <SetupPage /> },
        { path: '/login', element: <LoginPage /> },
        { path: '/set-password/:token', element: <SetPasswordPage /> },
        { path: '/j/:code', element: <JoinPage /> },
        { path: '/s/:sessionId', element: <ParticipantBoardPage /> },
        { path: '/s/:sessionId/survey', element: <SurveyPage /> },
        // A member's update link and the directory's public view: no account.
        { path: '/u/:token', element: <MemberUpdatePage /> },
        { path: '/d/:space', element: <PublicDirectoryPage /> },
        secretariatRoute,
        {
          path: '/facilitator',
          element: <AccountGate />,
          children: [
            { index: true, element: <SessionsPage /> },
            { path: 'sessions/:id', element: <SessionPage screen="prepare" /> },
            { path: 'sessions/:id/run', element: <SessionPage screen="run" /> },
            { path: 'sessions/:id/board', element: <SessionPage screen="board" /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
    // Full screen for a projector: no app header, its own landmarks.
    {
      path: '/projector/:sessionId',
      element: (
        <Later>
          <ProjectorPage />
        </Later>
      ),
    },
  ]);
}
