import { useState } from 'react';
import { useErrorText } from '../components/error-text';

/** What the last action said: a success text or the error, for a live message. */
export interface ActionMessage {
  tone: 'info' | 'error';
  text: string;
}

/**
 * Run one request at a time from a form or button: `busy` while it runs, then a message
 * (the given success text, or the error in the UI language).
 */
export function useAction() {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage | null>(null);

  async function run<T>(action: () => Promise<T>, success?: (value: T) => string): Promise<T | undefined> {
    setBusy(true);
    setMessage(null);
    try {
      const value = await action();
      if (success) setMessage({ tone: 'info', text: success(value) });
      return value;
    } catch (caught) {
      setMessage({ tone: 'error', text: errorText(caught) });
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { busy, message, run, setMessage };
}
