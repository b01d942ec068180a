import { type Language, translate, type TextKey } from '../../shared/i18n';
import type { UserActor } from '../auth/policy';
import type { ServiceContext } from './context';
import type { ScaleChoice } from '../../shared/schemas/consensus';
import type { SessionReport } from '../../shared/schemas/reports';
import { own } from '../../shared/own';
import { toCsv } from './presenters/csv.presenter';
import { buildReport } from './report.service';
import { sessionTypeLabels } from './space-organization-types.service';
import { surveyQuestionTitle } from '../../shared/survey';

const t = (lang: Language, key: string) => translate(lang, key as TextKey);
const label = (lang: Language, prefix: string, id: string) => {
  const key = `${prefix}.${id}`;
  const text = t(lang, key);
  return text === key ? id : text;
};

/** A survey question's title: its own, else the standard text (the understanding question names the session's theme). */
const questionTitle = (lang: Language, q: { id: string; title: string }, theme: string) =>
  surveyQuestionTitle(q, theme, (key, values) => {
    const text = translate(lang, key as TextKey, values);
    return text === key ? undefined : text;
  });

/** A poll's choice in words: its own label, else the standard wording of the agreement scale or fist of five. */
function choiceLabel(lang: Language, choice: ScaleChoice): string {
  if (choice.label && choice.label !== choice.id) return choice.label;
  if (/^[0-5]$/.test(choice.id)) return label(lang, 'poll.fist', choice.id);
  return label(lang, 'poll.choice', choice.id);
}

/** A vote's or poll's title as the facilitator typed it, else the standard heading with its number. */
function titleOf(lang: Language, typed: string, fallback: string, index: number): string {
  return typed.trim() || translate(lang, fallback as TextKey, { index: index + 1 });
}

/** The cards of a session as CSV: the ones the room saw (a card the facilitator hid is left out). */
export async function cardsCsv(ctx: ServiceContext, actor: UserActor, sessionId: string, lang: Language): Promise<string> {
  const report = await buildReport(ctx, actor, sessionId);
  const org = await sessionTypeLabels(ctx, sessionId, lang);
  const boardNames = new Map(report.boards.map((b) => [b.room, b.name]));
  const stageNames = new Map(report.boards.flatMap((b) => b.stages.map((s) => [s.id, s.title] as const)));
  const groupNames = new Map(report.groups.map((g) => [g.id, g.title]));
  return toCsv(
    ['board', 'stage', 'kind', 'text', 'group', 'organization_type', 'author'].map((c) => t(lang, `export.column.${c}`)),
    report.cards.items.map((c) => [
      boardNames.get(c.room) ?? c.room,
      c.stageId ? (stageNames.get(c.stageId) ?? c.stageId) : '',
      label(lang, 'cardKind', c.kind),
      c.text,
      c.groupId ? (groupNames.get(c.groupId) ?? '') : '',
      c.organizationType ? org(c.organizationType) : '',
      c.authorName,
    ]),
  );
}

/** The follow-up actions of a session as CSV. */
export async function actionsCsv(ctx: ServiceContext, actor: UserActor, sessionId: string, lang: Language): Promise<string> {
  const report = await buildReport(ctx, actor, sessionId);
  const decisions = new Map(report.decisions.map((d) => [d.id, d.text]));
  return toCsv(
    ['action', 'decision', 'owner_organization', 'owner_person', 'due_date', 'status'].map((c) => t(lang, `export.column.${c}`)),
    report.actions.map((a) => [a.title, a.decisionId ? (decisions.get(a.decisionId) ?? '') : '', a.ownerOrganization, a.ownerPerson, a.dueDate ?? '', label(lang, 'actionStatus', a.status)]),
  );
}

/** The survey's figures as CSV: one row per question and choice, then the comments. */
export async function surveyCsv(ctx: ServiceContext, actor: UserActor, sessionId: string, lang: Language): Promise<string> {
  const report = await buildReport(ctx, actor, sessionId);
  const rows: unknown[][] = [];
  for (const q of report.survey.questions) {
    const title = questionTitle(lang, q, report.session.theme);
    if (q.kind === 'text') for (const text of q.texts ?? []) rows.push([title, '', '', '', text, '']);
    else for (const [choice, n] of Object.entries(q.answers)) rows.push([title, own(q.labels, choice) ?? label(lang, `survey.${q.id}`, choice), n, own(q.percent, choice), '', '']);
  }
  rows.push([t(lang, 'export.responseRate'), '', report.survey.responses, report.survey.responseRate, `${report.survey.responses}/${report.survey.invited}`, responseRateParts(lang, report)]);
  return toCsv(['question', 'choice', 'count', 'percent', 'text', 'note'].map((c) => t(lang, `export.column.${c}`)), rows);
}

/** 回収率's parts in words: スマホ 2/3人、紙 2/2枚, and the proxy participants left out of it. */
function responseRateParts(lang: Language, r: SessionReport): string {
  const { phone, paper, proxyParticipants } = r.survey;
  const parts = translate(lang, 'export.responseRateParts', { phone: phone.responses, phoneOf: phone.participants, paper: paper.responses, paperOf: paper.handedOut });
  return proxyParticipants > 0 ? `${parts} ${translate(lang, 'export.proxyApart', { count: proxyParticipants })}` : parts;
}

/**
 * Agreement by organisation type as CSV: per poll, item and sector (overall first), each
 * choice's count and percent. A sector too small to show has one row saying so, no figures.
 */
export async function agreementCsv(ctx: ServiceContext, actor: UserActor, sessionId: string, lang: Language): Promise<string> {
  const report = await buildReport(ctx, actor, sessionId);
  const org = await sessionTypeLabels(ctx, sessionId, lang);
  const rows: unknown[][] = [];
  report.polls.forEach((poll, index) => {
    const title = titleOf(lang, poll.title, 'report.pollUntitled', index);
    for (const item of poll.results) {
      const sectors: Array<[string, typeof item.overall]> = [[t(lang, 'export.overall'), item.overall], ...Object.entries(item.byOrganizationType).map(([type, d]) => [org(type), d] as [string, typeof d])];
      for (const [sector, d] of sectors) for (const choice of poll.scale) rows.push([title, item.label, sector, d.total, choiceLabel(lang, choice), own(d.counts, choice.id) ?? 0, own(d.percent, choice.id) ?? 0, d.supportPercent]);
      for (const type of item.withheldOrganizationTypes) rows.push([title, item.label, org(type), t(lang, 'report.withheld'), '', '', '', '']);
    }
  });
  return toCsv(['poll', 'item', 'organization_type', 'respondents', 'choice', 'count', 'percent', 'support_percent'].map((c) => t(lang, `export.column.${c}`)), rows);
}

/** The session's report as Markdown, ready to paste into a city document (hidden cards left out). */
export async function reportMarkdown(ctx: ServiceContext, actor: UserActor, sessionId: string, lang: Language): Promise<string> {
  return renderMarkdown(await buildReport(ctx, actor, sessionId), lang, await sessionTypeLabels(ctx, sessionId, lang));
}

// `org` names organisation types by their stored labels (retired ones too; renamed ones by their new name).
function renderMarkdown(r: SessionReport, lang: Language, org: (id: string) => string): string {
  const L = (key: string) => t(lang, `export.${key}`);
  const lines: string[] = [`# ${r.session.title}`, ''];
  lines.push(`- ${L('date')}: ${r.session.heldOn}`, `- ${L('venue')}: ${r.session.venue || '—'}`, `- ${L('theme')}: ${r.session.theme || '—'}`, `- ${L('facilitator')}: ${r.session.facilitator}`, '');
  lines.push(`## ${L('participants')}`, '', `${L('total')}: ${r.participants.total}`, '', `| ${L('organizationType')} | ${L('count')} | % |`, '| --- | ---: | ---: |');
  for (const [type, n] of Object.entries(r.participants.byOrganizationType)) lines.push(`| ${org(type)} | ${n} | ${own(r.participants.percentByOrganizationType, type)} |`);
  for (const board of r.boards) {
    lines.push('', `## ${board.name}${board.theme ? ` — ${board.theme}` : ''}`);
    if (board.persona.name) lines.push('', `**${L('persona')}**: ${board.persona.emoji} ${board.persona.name} ${board.persona.age}`, '', board.persona.summary);
    const stages = [...board.stages, { id: '', title: L('noStage'), description: '' }];
    for (const stage of stages) {
      const cards = r.cards.items.filter((c) => c.room === board.room && (c.stageId ?? '') === stage.id);
      if (cards.length === 0) continue;
      lines.push('', `### ${stage.title}`, '');
      for (const c of cards) lines.push(`- [${label(lang, 'cardKind', c.kind)}] ${c.text.replace(/\n/g, ' ')}${c.organizationType ? ` (${org(c.organizationType)})` : ''}`);
    }
  }
  r.votes.forEach((vote, index) => {
    lines.push('', `## ${L('voteRanking')}: ${titleOf(lang, vote.title, 'report.voteUntitled', index)}`, '');
    vote.results.forEach((res, i) => lines.push(`${i + 1}. ${res.label} — ${res.dots}`));
  });
  r.polls.forEach((poll, index) => {
    lines.push('', `## ${L('agreement')}: ${titleOf(lang, poll.title, 'report.pollUntitled', index)}`, '');
    for (const res of poll.results) {
      lines.push(`- ${res.label}: ${L('support')} ${res.overall.supportPercent}% (${label(lang, 'consensus', res.consensus)})`);
      for (const [type, d] of Object.entries(res.byOrganizationType)) lines.push(`  - ${org(type)}: ${d.supportPercent}% (${d.total})`);
      for (const type of res.withheldOrganizationTypes) lines.push(`  - ${org(type)}: ${t(lang, 'report.withheld')}`);
    }
  });
  if (r.polls.length > 0) lines.push('', `> ${translate(lang, 'report.withheldNote', { threshold: r.smallGroupThreshold })}`);
  if (r.decisions.length > 0) lines.push('', `## ${L('decisions')}`, '', ...r.decisions.map((d) => `- ${d.text}`));
  if (r.actions.length > 0) {
    lines.push('', `## ${L('actions')}`, '', `| ${L('action')} | ${L('owner')} | ${L('due')} | ${L('status')} |`, '| --- | --- | --- | --- |');
    for (const a of r.actions) lines.push(`| ${a.title} | ${[a.ownerOrganization, a.ownerPerson].filter(Boolean).join(' ')} | ${a.dueDate ?? ''} | ${label(lang, 'actionStatus', a.status)} |`);
  }
  lines.push('', `## ${L('survey')}`, '', `${L('responseRate')}: ${r.survey.responseRate}% (${r.survey.responses}/${r.survey.invited})`, '', `- ${responseRateParts(lang, r)}`, '', `> ${t(lang, 'report.responseRateNote')}`);
  for (const q of r.survey.questions) {
    lines.push('', `### ${questionTitle(lang, q, r.session.theme)}`, '');
    if (q.kind === 'text') lines.push(...(q.texts ?? []).map((text) => `- ${text.replace(/\n/g, ' ')}`));
    else for (const [choice, n] of Object.entries(q.answers)) lines.push(`- ${own(q.labels, choice) ?? label(lang, `survey.${q.id}`, choice)}: ${n} (${own(q.percent, choice)}%)`);
  }
  return `${lines.join('\n')}\n`;
}
