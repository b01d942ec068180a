import type { ReactNode } from 'react';

/**
 * A polite live region. It is always in the page, so a screen reader announces each new
 * message; `tone` only changes its look.
 */
export function LiveMessage({ children, tone = 'info', id }: { children?: ReactNode; tone?: 'info' | 'error'; id?: string }) {
  return (
    <div id={id} className={children ? `message message-${tone}` : 'message-empty'} aria-live="polite">
      {children}
    </div>
  );
}
