import { useTranslation } from 'react-i18next';
import type { ClientErrorCode } from '../api/http';

/** The error code carried by an ApiError, an ack's error body, or a bare code; else `internal`. */
function codeOf(error: unknown): ClientErrorCode {
  if (typeof error === 'string') return error as ClientErrorCode;
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code as ClientErrorCode;
  return 'internal';
}

/**
 * The text of an error in the UI language. Typed against the texts, so an error code without
 * `error.<code>` in shared/i18n fails the type check here; at run time a code this build does
 * not know (a newer server) reads as the internal error.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const code = codeOf(error);
    return i18n.exists(`error.${code}`) ? t(`error.${code}`) : t('error.internal');
  };
}
