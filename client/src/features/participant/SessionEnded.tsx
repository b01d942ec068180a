import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LiveMessage } from '../../components/LiveMessage';
import { forgetJoin, type StoredJoin } from './joins';

/** The token is no longer accepted: forget it, then go back to the join page of the same code. */
export function JoinAgain({ join }: { join: StoredJoin }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useEffect(() => {
    forgetJoin(join.joinCode);
    navigate(`/j/${join.joinCode}`, { replace: true });
  }, [join.joinCode, navigate]);
  return <p>{t('common.loading')}</p>;
}

/** The facilitator removed this person: say so, and forget the token. */
export function Revoked({ join }: { join: StoredJoin }) {
  const { t } = useTranslation();
  useEffect(() => forgetJoin(join.joinCode), [join.joinCode]);
  return (
    <div className="stack narrow">
      <LiveMessage tone="error">{t('participant.revoked')}</LiveMessage>
      <Link to="/">{t('nav.home')}</Link>
    </div>
  );
}
