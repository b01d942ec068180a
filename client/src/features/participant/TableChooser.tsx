import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardInfo, RosterEntry } from '../../../../shared/protocol';
import { LiveMessage } from '../../components/LiveMessage';
import { useErrorText } from '../../components/error-text';
import type { ControlChannel } from '../../realtime/control';

interface TableChooserProps {
  tables: BoardInfo[];
  roster: RosterEntry[];
  channel: ControlChannel | null;
  onChosen: (room: string) => void;
}

/** Choose a table (or theme) when the session lets participants choose. */
export function TableChooser({ tables, roster, channel, onChosen }: TableChooserProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [room, setRoom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!room) return setError(t('participant.chooseRequired'));
    if (!channel) return setError(errorText('network'));
    setBusy(true);
    setError(null);
    const ack = await channel.send('table:choose', { room });
    setBusy(false);
    if (ack.ok) onChosen(room);
    else setError(errorText(ack.error));
  };

  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="choose-table-heading" noValidate>
      <h2 id="choose-table-heading">{t('participant.chooseTable')}</h2>
      <fieldset className="choice-group">
        <legend>{t('participant.tables')}</legend>
        {tables.map((table) => {
          const count = roster.filter((p) => p.role === 'participant' && p.room === table.room).length;
          return (
            <label key={table.room} className="choice table-choice">
              <input type="radio" name="table" value={table.room} checked={room === table.room} onChange={() => setRoom(table.room)} />
              <span>
                <span className="table-name">{table.name}</span>
                {table.theme && <span className="table-theme">{table.theme}</span>}
                <span className="muted">{t('overview.people', { count })}</span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <LiveMessage tone="error">{error}</LiveMessage>
      <button type="submit" className="button-primary button-big" disabled={busy}>
        {t('participant.chooseSubmit')}
      </button>
    </form>
  );
}
