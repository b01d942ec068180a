import type { OutcomeState } from '../../../../shared/protocol';
import type { ActionStatus } from '../../../../shared/schemas/consensus';
import { requestJson } from '../../api/http';

/** A decision (合意事項) as the server sends it. */
export type Decision = OutcomeState['decisions'][number];
/** A follow-up action as the server sends it. */
export type FollowUpAction = OutcomeState['actions'][number];
/** A decision's source: the card or group it came from, with the words it had. */
export type DecisionSource = Decision['sources'][number];

/** What the action form sends. */
export interface ActionInput {
  title: string;
  decisionId: string | null;
  ownerOrganization: string;
  ownerPerson: string;
  dueDate: string | null;
  status: ActionStatus;
}

const base = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

/**
 * Decisions and follow-up actions of a session (the facilitator's cookie). Every change comes
 * back to every screen as `outcome:state`, so the callers need not keep the answers.
 */
export const outcomeApi = {
  addDecision: (sessionId: string, input: { text: string; sources: DecisionSource[] }) =>
    requestJson<Decision>('POST', `${base(sessionId)}/decisions`, { body: input }),
  editDecision: (sessionId: string, id: string, input: Partial<{ text: string; sources: DecisionSource[] }>) =>
    requestJson<Decision>('PATCH', `${base(sessionId)}/decisions/${encodeURIComponent(id)}`, { body: input }),
  removeDecision: (sessionId: string, id: string) => requestJson<void>('DELETE', `${base(sessionId)}/decisions/${encodeURIComponent(id)}`),
  addAction: (sessionId: string, input: ActionInput) => requestJson<FollowUpAction>('POST', `${base(sessionId)}/actions`, { body: input }),
  editAction: (sessionId: string, id: string, input: Partial<ActionInput>) =>
    requestJson<FollowUpAction>('PATCH', `${base(sessionId)}/actions/${encodeURIComponent(id)}`, { body: input }),
  removeAction: (sessionId: string, id: string) => requestJson<void>('DELETE', `${base(sessionId)}/actions/${encodeURIComponent(id)}`),
};
