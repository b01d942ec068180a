import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { publicDirectoryApi, taxonomyOf } from '../../api/directory';
import { DirectoryView } from './DirectoryView';
import './directory.css';

/**
 * `/d/:space`: the entries members chose to publish, for 相談職 and residents without an account.
 * Phone first; the space's name and the terms in use come with the entries.
 */
export function PublicDirectoryPage() {
  const { t } = useTranslation();
  const { space = '' } = useParams();
  const [name, setName] = useState<string | null>(null);
  const load = async (q: Parameters<typeof publicDirectoryApi.directory>[1]) => {
    const answer = await publicDirectoryApi.directory(space, q);
    setName(answer.space.name);
    return { entries: answer.entries, taxonomy: taxonomyOf(answer.taxonomies) };
  };
  return (
    <div className="stack public-directory">
      <DirectoryView scope={space} load={load} secretariat={false} title={name ? t('dir.public.titleOf', { name }) : t('dir.public.title')} />
      <p className="hint">{t('dir.public.note')}</p>
    </div>
  );
}
