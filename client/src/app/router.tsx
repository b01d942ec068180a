import { createBrowserRouter } from 'react-router';
import { AccountGate } from '../features/facilitator/AccountGate';
import { LoginPage } from '../features/facilitator/LoginPage';
import { SessionPage } from '../features/facilitator/SessionPage';
import { SessionsPage } from '../features/facilitator/SessionsPage';
import { SetupPage } from '../features/facilitator/SetupPage';
import { JoinPage } from '../features/participant/JoinPage';
import { ParticipantBoardPage } from '../features/participant/ParticipantBoardPage';
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
        {
          path: '/facilitator',
          element: <AccountGate />,
          children: [
            { index: true, element: <SessionsPage /> },
            { path: 'sessions/:id', element: <SessionPage /> },
            { path: 'sessions/:id/board', element: <SessionPage boardOnly /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
