import type { PatchSpaceInput, SpaceMembersInput, SpaceRef, SpaceView } from '../../../../shared/schemas/spaces';
import { requestJson } from '../../api/http';

const enc = encodeURIComponent;

/** The REST API of spaces (docs/api.md "Spaces"). */
export const spacesApi = {
  list: () => requestJson<SpaceRef[]>('GET', '/api/spaces'),
  create: (name: string) => requestJson<{ id: string }>('POST', '/api/spaces', { body: { name } }),
  get: (id: string) => requestJson<SpaceView>('GET', `/api/spaces/${enc(id)}`),
  patch: (id: string, patch: PatchSpaceInput) => requestJson<SpaceView>('PATCH', `/api/spaces/${enc(id)}`, { body: patch }),
  setMembers: (id: string, members: SpaceMembersInput) => requestJson<SpaceView>('PUT', `/api/spaces/${enc(id)}/members`, { body: members }),
};

/** `?spaceId=…` (or `&…` after `joiner`) when a space is chosen, else nothing. */
export function spaceQuery(spaceId: string | null | undefined, joiner: '?' | '&' = '?'): string {
  return spaceId ? `${joiner}spaceId=${enc(spaceId)}` : '';
}

/**
 * The own organisation types of every space the account works in, labelled in `language`, to
 * name them where the installation's list does not (reports, participant lists). An account in
 * no space, or a failed request, gives none: the labels then fall back to the ids.
 */
export async function ownSpaceTypeOptions(language: string): Promise<Array<{ id: string; label: string }>> {
  const lang = language === 'en' ? 'en' : 'ja';
  try {
    const spaces = await spacesApi.list();
    const lists = await Promise.all(spaces.map((s) => requestJson<Array<{ id: string; label: string }>>('GET', `/api/spaces/${enc(s.id)}/organization-types?lang=${lang}`)));
    return lists.flat();
  } catch {
    return [];
  }
}
