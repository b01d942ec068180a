import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SURVEY_LIMITS, type SurveyQuestion } from '../../../../../shared/survey';
import { surveyEditorApi, type SurveyEditorView } from '../../../api/survey-editor';
import { useAction } from '../../../app/use-action';
import { useLoad } from '../../../app/use-load';
import { LiveMessage } from '../../../components/LiveMessage';
import { useQuestionText } from '../../survey/question-text';
import { type DraftQuestion, fromDraft, newDraft, toDraft } from './survey-draft';
import { SurveyQuestionEditor } from './SurveyQuestionEditor';

/** The closing survey of the session: the city's standard questions as the default, edited here. */
export function SurveyEditor({ sessionId, theme }: { sessionId: string; theme: string }) {
  const { t } = useTranslation();
  const [view] = useLoad(() => surveyEditorApi.load(sessionId), [sessionId]);
  return (
    <section className="panel" aria-labelledby="prep-survey-heading">
      <h2 id="prep-survey-heading">{t('prep.surveyTitle')}</h2>
      {view.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {view.state === 'failed' && <p className="message message-error">{t('common.loadFailed')}</p>}
      {view.state === 'done' && <SurveyForm sessionId={sessionId} view={view.value} theme={theme} />}
    </section>
  );
}

function SurveyForm({ sessionId, view, theme }: { sessionId: string; view: SurveyEditorView; theme: string }) {
  const { t } = useTranslation();
  const texts = useQuestionText();
  const [originals, setOriginals] = useState<SurveyQuestion[]>(view.questions);
  const [drafts, setDrafts] = useState<DraftQuestion[]>(() => view.questions.map((q) => toDraft(q, theme, texts, view.answeredQuestionIds.includes(q.id))));
  const action = useAction();

  const update = (index: number, next: DraftQuestion) => setDrafts((list) => list.map((d, i) => (i === index ? next : d)));
  const move = (index: number, by: -1 | 1) =>
    setDrafts((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
  // A new question goes before the closing comments, which stay last.
  const add = () =>
    setDrafts((list) => {
      const draft = newDraft('choice', list.map((d) => d.id), { choice: t('prep.surveyChoice') });
      const at = list.at(-1)?.id === 'comments' ? list.length - 1 : list.length;
      return [...list.slice(0, at), draft, ...list.slice(at)];
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const questions = drafts.map((d) => fromDraft(d, originals.find((q) => q.id === d.id)));
    const saved = await action.run(() => surveyEditorApi.save(sessionId, questions), () => t('prep.surveySaved'));
    if (saved) setOriginals(saved);
  };

  return (
    <form className="stack" onSubmit={submit}>
      <p className="hint">{t('prep.surveyIntro')}</p>
      {view.responses > 0 && <p className="message">{t('prep.surveyAnswered', { count: view.responses })}</p>}
      <ol className="phase-list">
        {drafts.map((draft, index) => (
          <SurveyQuestionEditor
            key={draft.id}
            draft={draft}
            index={index}
            count={drafts.length}
            onChange={(next) => update(index, next)}
            onMove={(by) => move(index, by)}
            onRemove={() => setDrafts((list) => list.filter((_, i) => i !== index))}
          />
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button-quiet" onClick={add} disabled={drafts.length >= SURVEY_LIMITS.questions}>
          {t('prep.surveyAdd')}
        </button>
        <button type="submit" className="button-primary" disabled={action.busy || drafts.length === 0}>
          {t('prep.surveySave')}
        </button>
      </div>
      <LiveMessage tone={action.message?.tone}>{action.message?.text}</LiveMessage>
    </form>
  );
}
