import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableMode } from '../../../../../shared/board/templates';
import type { SessionView } from '../../../../../shared/schemas/api';
import { api, type TableInput } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { LiveMessage } from '../../../components/LiveMessage';

const MODES: TableMode[] = ['none', 'choose', 'assign'];
const MAX_TABLES = 30;

/**
 * Tables (breakouts): how many, their names and themes, and whether participants choose or are
 * seated; then copy the persona and journey of the main board to every table.
 */
export function TablesEditor({ session, onChange }: { session: SessionView; onChange: (session: SessionView) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<TableMode>(session.tableMode);
  const [tables, setTables] = useState<TableInput[]>(() => session.boards.filter((b) => b.kind === 'table').map((b) => ({ name: b.name, theme: b.theme })));
  const save = useAction();
  const copy = useAction();
  const saved = session.boards.some((b) => b.kind === 'table');

  const setCount = (count: number) =>
    setTables((list) => {
      const n = Math.max(0, Math.min(MAX_TABLES, count));
      return n <= list.length ? list.slice(0, n) : [...list, ...Array.from({ length: n - list.length }, (_, i) => ({ name: t('tables.defaultName', { index: list.length + i + 1 }), theme: '' }))];
    });
  const update = (index: number, patch: Partial<TableInput>) => setTables((list) => list.map((table, i) => (i === index ? { ...table, ...patch } : table)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = mode === 'none' ? { mode, tables: [] } : { mode, tables: tables.map((x) => ({ name: x.name.trim(), theme: x.theme.trim() })) };
    const next = await save.run(() => api.setTables(session.id, body), () => t('tables.saved'));
    if (next) onChange(next);
  };

  return (
    <section className="panel" aria-labelledby="prep-tables-heading">
      <h2 id="prep-tables-heading">{t('prep.tablesTitle')}</h2>
      <form className="stack" onSubmit={submit}>
        <fieldset className="choice-group">
          <legend>{t('tables.mode')}</legend>
          {MODES.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="table-mode" checked={mode === value} onChange={() => setMode(value)} />
              {t(`tables.mode.${value}`)}
            </label>
          ))}
        </fieldset>
        {mode !== 'none' && (
          <>
            <div className="field field-short">
              <label htmlFor="tables-count">{t('tables.count')}</label>
              <input id="tables-count" type="number" min={1} max={MAX_TABLES} inputMode="numeric" value={tables.length} onChange={(e) => setCount(Number(e.target.value) || 0)} />
            </div>
            <ol className="table-edit-list">
              {tables.map((table, index) => (
                <li key={index} className="form-grid">
                  <div className="field">
                    <label htmlFor={`table-name-${index}`}>{t('tables.name', { index: index + 1 })}</label>
                    <input id={`table-name-${index}`} required maxLength={60} value={table.name} onChange={(e) => update(index, { name: e.target.value })} />
                  </div>
                  <div className="field">
                    <label htmlFor={`table-theme-${index}`}>{t('tables.theme', { index: index + 1 })}</label>
                    <input id={`table-theme-${index}`} maxLength={200} value={table.theme} onChange={(e) => update(index, { theme: e.target.value })} />
                  </div>
                </li>
              ))}
            </ol>
          </>
        )}
        <button type="submit" className="button-primary" disabled={save.busy || (mode !== 'none' && tables.length === 0)}>
          {t('tables.save')}
        </button>
        <LiveMessage tone={save.message?.tone}>{save.message?.text}</LiveMessage>
      </form>
      {saved && (
        <div className="stack copy-prep">
          <p className="hint">{t('tables.copyHint')}</p>
          <button type="button" disabled={copy.busy} onClick={() => void copy.run(() => api.copyPrepToTables(session.id), (r) => t('tables.copied', { count: r.tables }))}>
            {t('tables.copyPrep')}
          </button>
          <LiveMessage tone={copy.message?.tone}>{copy.message?.text}</LiveMessage>
        </div>
      )}
    </section>
  );
}
