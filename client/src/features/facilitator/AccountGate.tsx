import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useOutletContext } from 'react-router';
import { api, type CurrentAccount } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { useLoad } from '../../app/use-load';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';

/** The account the facilitator screens run as. */
export function useAccount(): CurrentAccount {
  return useOutletContext<CurrentAccount>();
}

/** The facilitator screens: only for a signed-in account, else the login page. */
export function AccountGate() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [account] = useLoad(() => api.currentAccount(), []);
  if (account.state === 'loading') return <p>{t('common.loading')}</p>;
  if (account.state === 'failed') {
    if (account.error instanceof ApiError && account.error.status === 401) return <Navigate to="/login" replace />;
    return <LiveMessage tone="error">{errorText(account.error)}</LiveMessage>;
  }
  return <Outlet context={account.value} />;
}
