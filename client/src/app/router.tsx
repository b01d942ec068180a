import { createBrowserRouter } from 'react-router';
import { AccountGate } from '../features/facilitator/AccountGate';
import { LoginPage } from '../features/facilitator/LoginPage';
import { SessionPage } from '../features/facilitator/SessionPage';
import { SessionsPage } from '../features/facilitator/SessionsPage';
import { SetupPage } from '../features/facilitator/SetupPage';
import { JoinPage } from '../features/participant/JoinPage';
import { ParticipantBoardPage } from '../features/participant/ParticipantBoardPage';
import { ProjectorPage } from '../features/projector/ProjectorPage';
import { secretariatRoute } from '../features/secretariat/routes';
import { SurveyPage } from '../features/survey/SurveyPage';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

/** Every screen of the app. `/j/:code` is the join URL the server prints and encodes as QR. */
export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { path: '/', element: <HomePage /> },
        { path: '/setup', element: <SetupPage /> },
        { path: '/login', element: <LoginPage /> },
        { path: '/j/:code', element: <JoinPage /> },
        { path: '/s/:sessionId', element: <ParticipantBoardPage /> },
        { path: '/s/:sessionId/survey', element: <SurveyPage /> },
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
    { path: '/projector/:sessionId', element: <ProjectorPage /> },
  ]);
}
