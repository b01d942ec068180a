import { useTranslation } from 'react-i18next';
import type { SessionReport } from '../../api/secretariat';
import { useLabels } from './labels';

/**
 * The cards a facilitator hid, marked 非表示, for the secretariat only: never printed, and left
 * out of every other section, the Markdown and the CSV.
 */
export function ModerationSection({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const hidden = report.moderation.hiddenCards;
  return (
    <section className="panel report-moderation no-print stack" aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">{t('report.moderation')}</h2>
      <p className="hint">{t('report.moderationHint')}</p>
      {hidden.length === 0 ? (
        <p className="muted">{t('report.noHidden')}</p>
      ) : (
        <ul className="card-digest">
          {hidden.map((card) => (
            <li key={`${card.room}:${card.id}`}>
              <span className="badge badge-hidden">{t('report.hiddenBadge')}</span> {labels.cardKind(card.kind)}: <span className="card-digest-text">{card.text}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
