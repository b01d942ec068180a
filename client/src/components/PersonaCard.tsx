import { useTranslation } from 'react-i18next';
import type { Persona } from '../../../shared/board/model';

/** The persona the workshop thinks about: picture (emoji), name, age, situation, needs, pains. */
export function PersonaCard({ persona, headingLevel = 2 }: { persona: Persona; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const facts = (['summary', 'needs', 'pains'] as const).filter((field) => persona[field].trim());
  return (
    <section className="persona-card" aria-labelledby="persona-heading">
      <Heading id="persona-heading" className="persona-title">
        {persona.emoji && (
          <span className="persona-emoji" aria-hidden="true">
            {persona.emoji}
          </span>
        )}
        <span>
          <span className="persona-kicker">{t('persona.heading')}</span>
          {persona.name || t('persona.unnamed')}
          {persona.age && <span className="persona-age">{t('persona.ageValue', { age: persona.age })}</span>}
        </span>
      </Heading>
      {facts.length > 0 && (
        <dl className="persona-facts">
          {facts.map((field) => (
            <div key={field}>
              <dt>{t(`persona.${field}`)}</dt>
              <dd>{persona[field]}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
