import type { ReactNode } from 'react';

/** Terms and their values as a description list (a report's head, an organisation, a resource). */
export function FactList({ facts, className }: { facts: ReadonlyArray<readonly [string, ReactNode]>; className: string }) {
  return (
    <dl className={className}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
