import { useState } from 'react';
import { useErrorText } from '../../../components/error-text';
import type { AckOf, CommandPayload, ControlChannel, ControlRequest } from '../../../realtime/control';

/**
 * Send control requests from one group of buttons: `busy` while one is unanswered, and the
 * refusal (in the UI language) of the last one, for a live message.
 */
export function useRequest(channel: ControlChannel | null) {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send<E extends ControlRequest>(event: E, payload: CommandPayload<E>): Promise<AckOf<E> | undefined> {
    if (!channel) return undefined;
    setBusy(true);
    setError(null);
    const ack = await channel.send(event, payload);
    setBusy(false);
    const failed = ack as { ok: boolean; error?: unknown };
    if (!failed.ok) setError(errorText(failed.error));
    return ack;
  }

  return { send, busy, error };
}
