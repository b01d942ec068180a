import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/endpoints';
import { useAction } from '../../../app/use-action';
import { LiveMessage } from '../../../components/LiveMessage';

/**
 * Save this session's programme, tables, persona and journey as a template for the next one:
 * private to the one who saves it, unless they share it with the other facilitators.
 */
export function SaveTemplateForm({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await action.run(
      async () => {
        const tpl = await api.saveTemplate(name.trim(), sessionId);
        return shared ? api.shareTemplate(tpl.id, true) : tpl;
      },
      (tpl) => t(tpl.shared ? 'prep.templateSavedShared' : 'prep.templateSaved', { name: tpl.name }),
    );
    if (saved) setName('');
  };

  return (
    <section className="panel" aria-labelledby="prep-template-heading">
      <h2 id="prep-template-heading">{t('prep.templateTitle')}</h2>
      <form className="inline-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="template-name">{t('prep.templateName')}</label>
          <input id="template-name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> {t('prep.templateShare')}
        </label>
        <button type="submit" disabled={action.busy || !name.trim()}>
          {t('prep.templateSave')}
        </button>
      </form>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </section>
  );
}
