import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, OutcomeState, ServerToClientEvents } from '../../../shared/protocol';
import type { PollState, PollView, VoteState, VoteView } from '../../../shared/schemas/consensus';
import type { ControlChannel } from './control';
import type { StoredChange } from './outbox-store';

/** A vote's or poll's public state, with when it last changed (a counter local to this page). */
export type Tracked<S> = S & { seq: number };

/** What the server has said about the session's votes, polls and outcome. */
export interface ConsensusSnapshot {
  /** Every vote, in the order the server first sent them (oldest first). */
  votes: Array<Tracked<VoteState>>;
  polls: Array<Tracked<PollState>>;
  outcome: OutcomeState | null;
  /** 共感 counts by room, then card id, as the server last said (absent: not asked yet). */
  reactions: Record<string, Record<string, number>>;
}

/** The votes, polls and outcome of one socket, readable at any time and observable by React. */
export interface ConsensusStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConsensusSnapshot;
  /** Take a board's counts as `reaction:get` answered them (every marked card of the room). */
  setReactions(room: string, counts: Record<string, number>): void;
}

const EMPTY: ConsensusSnapshot = { votes: [], polls: [], outcome: null, reactions: {} };

/** Put `next` in the list in place of the entry with the same id; a replay that changes nothing keeps its `seq`. */
function upsert<S extends object>(list: Array<Tracked<S>>, next: S, idOf: (s: S) => string, seq: number): Array<Tracked<S>> | null {
  const index = list.findIndex((entry) => idOf(entry) === idOf(next));
  if (index === -1) return [...list, { ...next, seq }];
  const { seq: _old, ...before } = list[index];
  if (JSON.stringify(before) === JSON.stringify(next)) return null;
  const copy = list.slice();
  copy[index] = { ...next, seq };
  return copy;
}

/**
 * Listen to `vote:state`, `poll:state` and `outcome:state` on a control socket. Called where the
 * socket is made, before it connects: the server sends every vote's and poll's state once on
 * connect, and a listener added later could miss them.
 */
export function watchConsensus(socket: Socket<ServerToClientEvents, ClientToServerEvents>): ConsensusStore {
  let snapshot = EMPTY;
  let seq = 0;
  const listeners = new Set<() => void>();
  const publish = (next: Partial<ConsensusSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of listeners) listener();
  };
  socket.on('vote:state', (state) => {
    const votes = upsert(snapshot.votes, state, (s) => s.voteId, ++seq);
    if (votes) publish({ votes });
  });
  socket.on('poll:state', (state) => {
    const polls = upsert(snapshot.polls, state, (s) => s.pollId, ++seq);
    if (polls) publish({ polls });
  });
  socket.on('outcome:state', (outcome) => publish({ outcome }));
  socket.on('reaction:state', ({ room, cardId, count }) => {
    if (snapshot.reactions[room]?.[cardId] === count) return;
    publish({ reactions: { ...snapshot.reactions, [room]: { ...snapshot.reactions[room], [cardId]: count } } });
  });
  return {
    setReactions: (room, counts) => publish({ reactions: { ...snapshot.reactions, [room]: counts } }),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
  };
}

const NO_STORE: ConsensusStore = { subscribe: () => () => undefined, getSnapshot: () => EMPTY, setReactions: () => undefined };

/** The session's votes, polls and decisions, live. */
export function useConsensus(store: ConsensusStore | null): ConsensusSnapshot {
  const source = store ?? NO_STORE;
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

/** What a screen puts forward: an open vote or poll first, else whichever changed last. */
export type Focus = { kind: 'vote'; state: Tracked<VoteState> } | { kind: 'poll'; state: Tracked<PollState> } | null;

/** The vote or poll to put forward now (see `Focus`). */
export function focusOf(snapshot: ConsensusSnapshot): Focus {
  const all: Exclude<Focus, null>[] = [
    ...snapshot.votes.map((state) => ({ kind: 'vote' as const, state })),
    ...snapshot.polls.map((state) => ({ kind: 'poll' as const, state })),
  ];
  const rank = (f: Exclude<Focus, null>) => (f.state.status === 'open' ? 1 : 0);
  return all.reduce<Focus>((best, f) => (!best || rank(f) > rank(best) || (rank(f) === rank(best) && f.state.seq > best.state.seq) ? f : best), null);
}

/** The latest vote (by last change), if any. */
export function latestVote(snapshot: ConsensusSnapshot): Tracked<VoteState> | null {
  return snapshot.votes.reduce<Tracked<VoteState> | null>((best, v) => (!best || v.seq > best.seq ? v : best), null);
}

/** The latest poll (by last change), if any. */
export function latestPoll(snapshot: ConsensusSnapshot): Tracked<PollState> | null {
  return snapshot.polls.reduce<Tracked<PollState> | null>((best, p) => (!best || p.seq > best.seq ? p : best), null);
}

/**
 * A vote as the caller may see it (items, budget, own dots), asked with `vote:get` when the vote
 * or its status changes and after a reconnection; never on other people's casts, so a hall of
 * phones does not ask the server once per dot.
 */
export function useVoteView(channel: ControlChannel | null, voteId: string | undefined, status: string | undefined) {
  return useView(channel, voteId, status, (ch, id) => ch.send('vote:get', { voteId: id }).then((ack) => (ack.ok ? ack.vote : null)));
}

/** A poll as the caller may see it (items, scale, own answers); see `useVoteView`. */
export function usePollView(channel: ControlChannel | null, pollId: string | undefined, status: string | undefined) {
  return useView(channel, pollId, status, (ch, id) => ch.send('poll:get', { pollId: id }).then((ack) => (ack.ok ? ack.poll : null)));
}

function useView<V extends VoteView | PollView>(
  channel: ControlChannel | null,
  id: string | undefined,
  status: string | undefined,
  get: (channel: ControlChannel, id: string) => Promise<V | null>,
): [V | null, (update: (view: V) => V) => void] {
  const [view, setView] = useState<V | null>(null);
  const [connections, setConnections] = useState(0);
  useEffect(() => channel?.onConnect(() => setConnections((n) => n + 1)), [channel]);
  useEffect(() => {
    if (!channel || !id) return setView(null);
    let current = true;
    void get(channel, id).then((next) => current && setView(next));
    return () => {
      current = false;
    };
    // `get` is the same request each time; the view is asked again only when these change.
  }, [channel, id, status, connections]);
  const shown = view && (('voteId' in view && view.voteId === id) || ('pollId' in view && view.pollId === id)) ? view : null;
  return [shown, (update) => setView((prev) => (prev ? update(prev) : prev))];
}

/** A board's 共感: each card's count, the cards this person marked, and a way to mark or unmark one. */
export interface Reactions {
  counts: Record<string, number>;
  mine: ReadonlySet<string>;
  toggle(cardId: string): void;
}

/** The part of the change outbox 共感 marks go through (see `useChangeOutbox`). */
export interface ReactionOutbox {
  react(room: string, cardId: string, on: boolean): Promise<Ack<object>>;
  entries: readonly StoredChange[];
}

/**
 * 共感 on one board: asked with `reaction:get` on each (re)connection, then kept current by the
 * `reaction:state` broadcasts the store hears. A mark is sent as the state wanted (`on`), so a
 * request socket.io replays after a reconnection cannot undo itself. With an `outbox` (a
 * participant's phone) a mark waits on the device while offline, across reloads, and shows as
 * pressed meanwhile; the count is always the server's.
 */
export function useReactions(channel: ControlChannel | null, store: ConsensusStore | null, room: string | undefined, outbox?: ReactionOutbox): Reactions {
  const snapshot = useConsensus(store);
  const [held, setHeld] = useState<ReadonlySet<string>>(() => new Set());
  const [connections, setConnections] = useState(0);
  useEffect(() => channel?.onConnect(() => setConnections((n) => n + 1)), [channel]);
  useEffect(() => {
    if (!channel || !store || !room) return;
    let current = true;
    void channel.send('reaction:get', { room }).then((ack) => {
      if (!current || !ack.ok) return;
      store.setReactions(room, ack.counts);
      setHeld(new Set(ack.mine));
    });
    return () => {
      current = false;
    };
  }, [channel, store, room, connections]);
  const entries = outbox?.entries;
  const mine = useMemo(() => {
    const waiting = (entries ?? []).filter((e) => e.event === 'reaction:toggle' && e.payload.room === room && e.state === 'sending');
    if (waiting.length === 0) return held;
    const next = new Set(held);
    for (const e of waiting) if (e.event === 'reaction:toggle') (e.payload.on ? next.add(e.payload.cardId) : next.delete(e.payload.cardId));
    return next;
  }, [held, entries, room]);
  const mark = (cardId: string, on: boolean) =>
    setHeld((all) => {
      const next = new Set(all);
      if (on) next.add(cardId);
      else next.delete(cardId);
      return next;
    });
  const toggle = (cardId: string) => {
    if (!room) return;
    const on = !mine.has(cardId);
    const sent = outbox ? outbox.react(room, cardId, on) : channel?.send('reaction:toggle', { room, cardId, on });
    if (!sent) return;
    mark(cardId, on);
    void sent.then((ack) => {
      // Refused (closed, locked): the mark goes back to what the server holds. Replaced by a newer mark: that one stands.
      if (!ack.ok && ack.error.code !== 'conflict') mark(cardId, !on);
    });
  };
  return { counts: (room && snapshot.reactions[room]) || NO_COUNTS, mine, toggle };
}

const NO_COUNTS: Record<string, number> = {};
