import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../../api/directory';
import { useAction } from '../../app/use-action';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LiveMessage } from '../../components/LiveMessage';
import { useDates } from '../secretariat/format';
import { UpdateLetter, useQr } from './UpdateLinkPanel';

type Made = Awaited<ReturnType<typeof directoryApi.createUpdateLinks>>['links'];

/**
 * Send every member its update link at once: a new link for each organisation still a member
 * (the old ones stop working), mailed where there is an address and mail is on; the others'
 * letters, one to a page with its QR code, printed from here. The links are shown only now.
 */
export function BatchLinksPanel({ spaceId, members }: { spaceId: string; members: number }) {
  const { t } = useTranslation();
  const dates = useDates();
  const action = useAction();
  const [mail, setMail] = useState(false);
  const [asking, setAsking] = useState(false);
  const [made, setMade] = useState<Made | null>(null);
  const toPrint = made?.filter((l) => !l.mailedTo) ?? [];
  const create = async () => {
    setAsking(false);
    const answer = await action.run(
      () => directoryApi.createUpdateLinks(spaceId, mail),
      (a) => t('dir.batch.done', { count: a.links.length, mailed: a.links.filter((l) => l.mailedTo).length }),
    );
    if (answer) setMade(answer.links);
  };
  return (
    <section className="panel stack batch-links" aria-labelledby="batch-links-heading">
      <h2 id="batch-links-heading">{t('dir.batch.title')}</h2>
      <p className="hint no-print">{t('dir.batch.intro')}</p>
      <label className="check no-print">
        <input type="checkbox" checked={mail} onChange={(e) => setMail(e.target.checked)} />
        {t('dir.batch.mail')}
      </label>
      <div className="button-row no-print">
        <button type="button" className="button-primary" disabled={action.busy || members === 0} onClick={() => setAsking(true)}>
          {t('dir.batch.create', { count: members })}
        </button>
        {toPrint.length > 0 && (
          <button type="button" onClick={() => window.print()}>
            {t('dir.batch.print', { count: toPrint.length })}
          </button>
        )}
      </div>
      {asking && (
        <ConfirmDialog title={t('dir.batch.confirmTitle')} confirmLabel={t('dir.batch.create', { count: members })} onConfirm={() => void create()} onCancel={() => setAsking(false)} busy={action.busy}>
          <p>{t('dir.batch.confirm', { count: members })}</p>
        </ConfirmDialog>
      )}
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
      {made && made.some((l) => l.mailError) && (
        <ul className="no-print">
          {made.filter((l) => l.mailError).map((l) => (
            <li key={l.organizationId}>{t('dir.batch.mailFailed', { name: l.name, reason: l.mailError ?? '' })}</li>
          ))}
        </ul>
      )}
      {toPrint.length > 0 && (
        <div className="update-letters" aria-label={t('dir.batch.letters', { count: toPrint.length })} role="region">
          {toPrint.map((l) => (
            <BatchLetter key={l.organizationId} name={l.name} url={l.url} until={dates.shortDay(l.expiresAt.slice(0, 10))} />
          ))}
        </div>
      )}
    </section>
  );
}

function BatchLetter({ name, url, until }: { name: string; url: string; until: string }) {
  return <UpdateLetter name={name} url={url} until={until} qr={useQr(url)} />;
}
