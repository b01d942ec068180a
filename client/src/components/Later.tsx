import { Component, type ComponentType, lazy, type LazyExoticComponent, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * Code a phone does not need to join and write a card (the other screens, and the board's parts
 * for later phases) loads the first time it shows, so the first page loads less on a slow
 * network. Once loaded, a part shows at once, like code loaded up front.
 */

/** The code of a part could not be fetched (a phone that lost its network, or a new release). */
class CodeLoadError extends Error {}

/** A component whose code loads the first time it renders; show it inside `Later`. */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    try {
      return { default: await load() };
    } catch (cause) {
      throw new CodeLoadError('code not loaded', { cause });
    }
  });
}

/** "Loading…" as a status message screen readers announce. */
export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('common.loading')}</p>;
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <div className="message message-error stack" role="alert">
      <p>{t('common.loadFailed')}</p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </button>
      </p>
    </div>
  );
}

/** Only a failed load stops here; any other error goes on to the router's error screen. */
class LoadFailedBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (error instanceof CodeLoadError) return <LoadFailed />;
    throw error;
  }
}

/**
 * Where parts made by `lazyPart` show: `Loading` in their place while their code comes, an
 * error with a reload button if it cannot be fetched (React does not retry a failed lazy load);
 * the rest of the page stays as it is.
 */
export function Later({ children }: { children: ReactNode }) {
  return (
    <LoadFailedBoundary>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </LoadFailedBoundary>
  );
}
