import nodemailer, { type Transporter } from 'nodemailer';
import { AppError } from '../errors';
import type { ServiceContext } from './context';

/** One SMTP transport per configuration (a connection per mail: a secretariat sends tens, not thousands). */
const transports = new WeakMap<ServiceContext['config'], Transporter>();

function transportOf(ctx: ServiceContext): Transporter | undefined {
  if (!ctx.config.smtpUrl) return undefined;
  let transport = transports.get(ctx.config);
  if (!transport) {
    transport = nodemailer.createTransport(ctx.config.smtpUrl);
    transports.set(ctx.config, transport);
  }
  return transport;
}

/** Whether update links can be mailed (SMTP_URL is set). */
export function canMailLinks(ctx: ServiceContext): boolean {
  return Boolean(ctx.config.smtpUrl);
}

/** The letter, in Japanese: what the link is for, until when, and that it is personal. */
export function updateLinkLetter(input: { spaceName: string; organizationName: string; url: string; expiresAt: string }): { subject: string; text: string } {
  const until = new Date(Date.parse(input.expiresAt) + 9 * 3600_000);
  const day = `${until.getUTCFullYear()}年${until.getUTCMonth() + 1}月${until.getUTCDate()}日`;
  return {
    subject: `【${input.spaceName}】社会資源の登録内容の確認・更新のお願い`,
    text: [
      `${input.organizationName} ご担当者様`,
      '',
      `${input.spaceName} 事務局です。貴団体の活動（社会資源）の登録内容を、下のリンクからご確認ください。`,
      'アカウントは不要です。内容が正しければ「内容は正しいです（確認）」を押してください。変更があれば、その場で直せます。',
      '',
      input.url,
      '',
      `このリンクは貴団体専用です。ほかの方に転送しないでください（有効期限：${day}）。`,
      '新しいリンクを発行すると、このリンクは使えなくなります。',
    ].join('\n'),
  };
}

/**
 * Mail an update link to the organisation's address. The link exists already when this runs, so
 * a refused or unreachable mail server is reported back (the clerk copies the link instead),
 * never thrown.
 */
export async function mailUpdateLink(ctx: ServiceContext, to: string, letter: { subject: string; text: string }): Promise<{ sent: true } | { sent: false; message: string }> {
  const transport = transportOf(ctx);
  if (!transport) throw new AppError('bad_request', 'mail: no SMTP server is configured (SMTP_URL)');
  try {
    await transport.sendMail({ from: ctx.config.mailFrom, to, subject: letter.subject, text: letter.text });
    return { sent: true };
  } catch (error) {
    ctx.log.warn({ err: error }, 'update link mail failed');
    return { sent: false, message: 'the mail server did not take the mail; copy or print the link instead' };
  }
}
