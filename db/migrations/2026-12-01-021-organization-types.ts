import type { Kysely } from 'kysely';

// Frozen: a migration never changes once released; later changes get a new file.
// The list as it was when the types became data, with the city's own categories; the labels are
// copied here (not imported) so this file keeps meaning what it meant.
const SEED: Array<[id: string, ja: string, en: string]> = [
  ['npo', 'NPO・市民活動団体', 'NPO / civic group'],
  ['company', '企業', 'Company'],
  ['religious', '宗教団体（寺社など）', 'Religious organisation (temple, shrine…)'],
  ['social_welfare_council', '社会福祉協議会', 'Social welfare council'],
  ['medical', '医療機関', 'Medical'],
  ['university', '大学・研究機関', 'University / research'],
  ['government', '行政', 'Government'],
  ['resident', '住民・個人', 'Resident / individual'],
  ['kodomo-shokudo', 'こども食堂運営団体', "Children's cafeteria (kodomo shokudo)"],
  ['soudan-kikan', '相談機関', 'Counselling service'],
  ['minsei-iin', '民生委員・児童委員', 'Welfare / child commissioner'],
  ['jichikai', '自治会・町内会', 'Neighbourhood association'],
  ['houkatsu-center', '地域包括支援センター', 'Community general support centre'],
  ['shakai-fukushi-houjin', '社会福祉法人', 'Social welfare corporation'],
  ['other', 'その他', 'Other'],
];

export async function up(db: Kysely<any>): Promise<void> {
  // Organisation types as data: ids never change (figures compare across years); a retired
  // type is no longer offered but its label still names last year's figures.
  await db.schema
    .createTable('organization_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label_ja', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('organization_types')
    .values(SEED.map(([id, ja, en], i) => ({ id, label_ja: ja, label_en: en, position: (i + 1) * 10, retired_at: null, created_at: '2026-12-01T00:00:00.000Z' })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('organization_types').execute();
}
