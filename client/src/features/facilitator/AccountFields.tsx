import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits';

/** The values of the account forms (set-up, login, add facilitator). */
export interface AccountValues {
  email: string;
  password: string;
  displayName: string;
}

interface AccountFieldsProps {
  values: AccountValues;
  onChange: (values: AccountValues) => void;
  /** Prefix of the input ids, unique per form on a page. */
  idPrefix: string;
  /** Login asks for email and password only, and the current password; an invitation has no password (a link sets it). */
  purpose: 'login' | 'new-account' | 'invite';
}

/** Email, (display name,) password: labelled inputs with the right autocomplete hints. */
export function AccountFields({ values, onChange, idPrefix, purpose }: AccountFieldsProps) {
  const { t } = useTranslation();
  const set = (key: keyof AccountValues) => (e: ChangeEvent<HTMLInputElement>) => onChange({ ...values, [key]: e.target.value });
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-email`}>{t('account.email')}</label>
        <input id={`${idPrefix}-email`} type="email" autoComplete={purpose === 'login' ? 'username' : 'off'} required value={values.email} onChange={set('email')} />
      </div>
      {purpose !== 'login' && (
        <div className="field">
          <label htmlFor={`${idPrefix}-name`}>{t('account.displayName')}</label>
          <input id={`${idPrefix}-name`} required maxLength={LIMITS.displayName} value={values.displayName} onChange={set('displayName')} />
        </div>
      )}
      {purpose !== 'invite' && (
        <div className="field">
          <label htmlFor={`${idPrefix}-password`}>{t('account.password')}</label>
          <input
            id={`${idPrefix}-password`}
            type="password"
            autoComplete={purpose === 'login' ? 'current-password' : 'new-password'}
            required
            minLength={purpose === 'login' ? undefined : 12}
            aria-describedby={purpose === 'login' ? undefined : `${idPrefix}-password-hint`}
            value={values.password}
            onChange={set('password')}
          />
          {purpose === 'new-account' && (
            <p id={`${idPrefix}-password-hint`} className="hint">
              {t('account.passwordPolicy')}
            </p>
          )}
        </div>
      )}
    </>
  );
}
