import { useCallback, useState } from 'react';
import { useErrorText } from '../../../components/error-text';
import type { AckOf, CommandPayload, ControlChannel, ControlRequest } from '../../../realtime/control';

/**
 * Send control requests from one group of buttons: `busy` while one is unanswered, and the
 * refusal (in the UI language) of the last one, for a live message. `send` stays the same while
 * the channel does, so memoised cards can be handed callbacks built on it.
 */
export function useRequest(channel: ControlChannel | null) {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const send = useCallback(
    async <E extends ControlRequest>(event: E, payload: CommandPayload<E>): Promise<AckOf<E> | undefined> => {
      if (!channel) return undefined;
      setBusy(true);
      setFailure(null);
      const ack = await channel.send(event, payload);
      setBusy(false);
      const failed = ack as { ok: boolean; error?: unknown };
      // The refusal is kept as it came and worded at render, so a language switch rewords it.
      if (!failed.ok) setFailure(failed.error ?? 'internal');
      return ack;
    },
    [channel],
  );

  return { send, busy, error: failure === null ? null : errorText(failure) };
}
