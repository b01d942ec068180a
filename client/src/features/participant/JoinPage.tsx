import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LIMITS } from '../../../../shared/limits';
import type { OrganizationType } from '../../../../shared/organization-types';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { LiveMessage } from '../../components/LiveMessage';
import { fetchBoardAccess, rememberBoardAccess } from './board-access';
import { findJoinByCode, forgetJoin, saveJoin } from './joins';
import { JoinPreviewView, useJoinPreview } from './JoinPreview';
import { OrganizationTypeField } from './OrganizationTypeField';
import { forgetProfile, readProfile, rememberProfile } from './profile';
import { useErrorText } from '../../components/error-text';

/**
 * `/j/:code`, where the QR code leads: a name (or none, to stay anonymous) and an organisation
 * type. A phone that joined before with this code goes straight to the board; if it still has
 * its token, joining again returns the same identity instead of a new one.
 */
export function JoinPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [checking, setChecking] = useState(() => findJoinByCode(code) !== undefined);
  // A name and sector this phone was asked to remember fill the form; the person may forget them.
  const [profile, setProfile] = useState(readProfile);
  const [remember, setRemember] = useState(profile !== null);
  const [forgotten, setForgotten] = useState(false);
  const [displayName, setDisplayName] = useState(profile?.displayName ?? '');
  const [organizationType, setOrganizationType] = useState(profile?.organizationType ?? '');
  const [missingType, setMissingType] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const validCode = /^[0-9]{6}$/.test(code);
  // The title (or that the code is wrong or the session over) before anyone types a name.
  const preview = useJoinPreview(validCode ? code : '');
  const joinable = preview.state !== 'missing' && !(preview.state === 'found' && preview.preview.status === 'closed');

  useEffect(() => {
    const stored = findJoinByCode(code);
    if (!stored) return setChecking(false);
    let current = true;
    // Remembered, so the board draws from this answer instead of asking again.
    fetchBoardAccess(stored.token).then(
      (access) => current && navigate(`/s/${access.sessionId}`, { replace: true }),
      (caught: unknown) => {
        if (!current) return;
        // Only a refused token means "join again"; with no network, the board page copes.
        if (caught instanceof ApiError && caught.status === 401) {
          forgetJoin(code);
          setChecking(false);
        } else navigate(`/s/${stored.sessionId}`, { replace: true });
      },
    );
    return () => {
      current = false;
    };
  }, [code, navigate]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!organizationType) return setMissingType(true);
    setBusy(true);
    setError(null);
    try {
      // A token this browser kept from joining before brings back the same identity (one person, one participant).
      const rejoinToken = findJoinByCode(code)?.token;
      const joined = await api.join({
        joinCode: code,
        displayName: displayName.trim(),
        organizationType: organizationType as OrganizationType,
        ...(rejoinToken ? { rejoinToken } : {}),
      });
      saveJoin(code, joined);
      if (remember) rememberProfile({ displayName: displayName.trim(), organizationType });
      else forgetProfile();
      // The join's answer is all the board draws first: it opens without a `GET /api/me`.
      rememberBoardAccess(joined.token, joined);
      navigate(`/s/${joined.sessionId}`);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 404 ? t('join.notFound') : errorText(caught));
      setBusy(false);
    }
  };

  if (!validCode) {
    return (
      <div className="stack narrow">
        <h1>{t('join.title')}</h1>
        <LiveMessage tone="error">{t('home.joinCodeInvalid')}</LiveMessage>
        <Link to="/">{t('nav.home')}</Link>
      </div>
    );
  }
  if (checking) return <p role="status">{t('join.checking')}</p>;
  return (
    <div className="stack narrow phone-page">
      <h1>{t('join.title')}</h1>
      <p className="muted">{t('join.code', { code })}</p>
      <JoinPreviewView result={preview} />
      {joinable && (
        <form className="panel stack join-form" onSubmit={submit} noValidate>
          {profile && <p className="hint">{t('join.remembered')}</p>}
          <div className="field">
            <label htmlFor="display-name">{t('join.displayName')}</label>
            <input
              id="display-name"
              autoComplete="nickname"
              maxLength={LIMITS.displayName}
              aria-describedby="display-name-hint"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
            <p id="display-name-hint" className="hint">
              {t('join.displayNameHint')}
            </p>
          </div>
          <OrganizationTypeField
            // Asked once the preview found the code, so a wrong code is counted once, not twice.
            joinCode={preview.state === 'found' ? code : ''}
            value={organizationType}
            onChange={(value) => {
              setOrganizationType(value);
              setMissingType(false);
            }}
            invalid={missingType}
            errorId="organization-type-error"
          />
          <LiveMessage id="organization-type-error" tone="error">
            {missingType && t('join.organizationTypeRequired')}
          </LiveMessage>
          <label className="check-row">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            <span>{t('join.remember')}</span>
          </label>
          <LiveMessage tone="error">{error}</LiveMessage>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('join.submit')}
          </button>
          {profile && (
            <button
              type="button"
              className="button-quiet"
              onClick={() => {
                forgetProfile();
                setProfile(null);
                setRemember(false);
                setDisplayName('');
                setOrganizationType('');
                setForgotten(true);
              }}
            >
              {t('join.forget')}
            </button>
          )}
          <LiveMessage>{forgotten && t('join.forgotten')}</LiveMessage>
        </form>
      )}
      {!joinable && <Link to="/">{t('nav.home')}</Link>}
    </div>
  );
}
