import type { ReactNode } from 'react';
import type { CardKind } from '../../../shared/schemas/cards';
import { useUiText } from './ui-text';

const PATHS: Record<CardKind, ReactNode> = {
  issue: (
    <>
      <path d="M12 3 2 20.5h20L12 3z" />
      <path d="M12 9.5v5" />
      <circle cx="12" cy="17.4" r="0.6" />
    </>
  ),
  idea: (
    <>
      <path d="M9 18h6M10 21h4" />
      <path d="M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3z" />
    </>
  ),
  opinion: <path d="M4 4.5h16v11.5H10l-6 4.5V4.5z" />,
  question: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.6 9.4a2.5 2.5 0 1 1 3.4 2.4c-.6.3-1 .9-1 1.6v.7" />
      <circle cx="12" cy="17.3" r="0.6" />
    </>
  ),
};

/** The shape that tells a card kind apart without relying on colour. */
export function KindIcon({ kind }: { kind: CardKind }) {
  return (
    <svg className="kind-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {PATHS[kind]}
    </svg>
  );
}

/** A card kind as icon and word. */
export function KindLabel({ kind }: { kind: CardKind }) {
  const t = useUiText();
  return (
    <span className={`kind-label kind-${kind}`}>
      <KindIcon kind={kind} />
      {t(`cardKind.${kind}`)}
    </span>
  );
}
