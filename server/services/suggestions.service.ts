import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji from 'kuromoji';
import { readCards } from '../../shared/board/model';
import { findBoardByRoom } from '../../db/repositories/sessions.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { logSkipped } from '../rooms/skipped';
import type { ServiceContext } from './context';
import { getManagedSession } from './sessions.service';
import { normalizeText, suggestGroups, type GroupSuggestion } from '../../shared/board/similarity';

type Tokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

/**
 * The dictionary ships inside the kuromoji package (IPADIC, ~17 MB gzipped): it is read from
 * node_modules, never downloaded. Built once per process, on first use (~0.7 s).
 */
const DICT_PATH = path.join(path.dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');
let tokenizer: Promise<Tokenizer> | null = null;

function loadTokenizer(): Promise<Tokenizer> {
  tokenizer ??= new Promise<Tokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: DICT_PATH }).build((err, built) => (err ? reject(err) : resolve(built)));
  }).catch((err: unknown) => {
    tokenizer = null;
    throw err;
  });
  return tokenizer;
}

/** Verbs and adjectives too common in cards to say what a card is about. */
const LIGHT_WORDS = new Set(['する', 'ある', 'いる', 'なる', 'できる', 'れる', 'られる', 'ない', 'いい', 'よい', 'ほしい', 'たい', 'こと', 'もの', 'ため', 'よう', 'とき', '人', '方', '場']);

/**
 * The words that carry a card's meaning: nouns (not numbers, pronouns or dependent nouns),
 * independent verbs and adjectives, each in its dictionary form, after `normalizeText`.
 */
export function contentWords(tok: Tokenizer, text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tok.tokenize(normalizeText(text))) {
    const word = t.basic_form === '*' ? t.surface_form : t.basic_form;
    if (LIGHT_WORDS.has(word)) continue;
    const noun = t.pos === '名詞' && !['数', '代名詞', '非自立', '接尾'].includes(t.pos_detail_1);
    const verbOrAdjective = (t.pos === '動詞' || t.pos === '形容詞') && t.pos_detail_1 === '自立';
    if (noun || verbOrAdjective) out.add(word);
  }
  return out;
}

/** The Dice cut-off on content words, chosen from the labelled cards (docs/suggestions.md). */
export const WORD_THRESHOLD = 0.2;

/** Suggested groups among cards, compared by their content words. */
export async function suggestGroupsByWords(cards: Array<{ id: string; text: string }>, threshold = WORD_THRESHOLD): Promise<GroupSuggestion[]> {
  const tok = await loadTokenizer();
  return suggestGroups(cards, threshold, { features: (text) => contentWords(tok, text), weighted: true });
}

/** Suggested groups among the visible cards of one board of a session the caller manages. */
export async function suggestBoardGroups(ctx: ServiceContext, actor: UserActor, sessionId: string, roomName: string): Promise<{ suggestions: GroupSuggestion[] }> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const board = await findBoardByRoom(ctx.db, roomName);
  if (!board || board.session_id !== session.id) throw new AppError('not_found', 'no such board');
  const cards = await ctx.rooms.withRoom(board.room, (room) =>
    room.read(() => readCards(room.doc, logSkipped(ctx.log, room.name)).filter((c) => !c.hidden && !c.groupId).map((c) => ({ id: c.id, text: c.text }))),
  );
  return { suggestions: await suggestGroupsByWords(cards) };
}
