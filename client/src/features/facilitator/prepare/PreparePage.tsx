import type { SessionView } from '../../../../../shared/schemas/api';
import { useBoard } from '../../../realtime/board';
import { JourneyEditor } from './JourneyEditor';
import { PersonaEditor } from './PersonaEditor';
import { PhasesEditor } from './PhasesEditor';
import { SaveTemplateForm } from './SaveTemplateForm';
import { SurveyEditor } from './SurveyEditor';
import { TablesEditor } from './TablesEditor';
import { ThemeForm } from './ThemeForm';

interface PreparePageProps {
  session: SessionView;
  token: string;
  onSessionChange: (session: SessionView) => void;
}

/** Everything before the workshop: theme, programme, persona and journey (main board), tables, closing survey, template. */
export function PreparePage({ session, token, onSessionChange }: PreparePageProps) {
  const main = session.boards.find((b) => b.kind === 'main') ?? session.boards[0];
  const board = useBoard(main?.room, token);
  return (
    <div className="prep-grid">
      <ThemeForm session={session} onChange={onSessionChange} />
      <PersonaEditor board={board} />
      <JourneyEditor board={board} />
      <TablesEditor session={session} onChange={onSessionChange} />
      <PhasesEditor session={session} onChange={onSessionChange} />
      <SurveyEditor sessionId={session.id} theme={session.theme} />
      <SaveTemplateForm sessionId={session.id} />
    </div>
  );
}
