// Security decisions of the Electron shell alone (security.ts holds those it shares with the HTTP server), free of
// the electron module so they are tested in Node.
import { resolve } from 'node:path';
import type { MessageBoxOptions } from 'electron';
import type { ApiMethod } from '../shared/api';
import { PaichaError } from '../shared/errors';
import { externalLinkTarget } from './security';

/** How a path the clerk chose may be used: read (the open dialog chose it) or written (the save dialog did). */
export type PathUse = 'open' | 'save';

/** The api methods that read the file at their `path`; any other method given a path writes there. */
const readingMethods: readonly ApiMethod[] = ['importFile'];

export const notChosenMessage = '只能使用在对话框中选择的文件。';

/**
 * The paths the clerk chose in the file dialogs, per web contents (window), for as long as it lives. Over IPC a page
 * may name no other path: a page that runs foreign script still cannot read or overwrite the clerk's files.
 */
export class ChosenPaths {
  private readonly bySender = new WeakMap<object, Record<PathUse, Set<string>>>();

  remember(sender: object | undefined, use: PathUse, path: string): void {
    if (!sender) return;
    let chosen = this.bySender.get(sender);
    if (!chosen) this.bySender.set(sender, (chosen = { open: new Set(), save: new Set() }));
    chosen[use].add(resolve(path));
  }

  allows(sender: object | undefined, use: PathUse, path: string): boolean {
    return !!sender && (this.bySender.get(sender)?.[use].has(resolve(path)) ?? false);
  }

  /**
   * Refuses a call that names a path (an argument object's `path` or `template`) not chosen by this sender for its use. A call
   * that names none goes on: the api itself says what is missing.
   */
  check(sender: object | undefined, method: ApiMethod, args: readonly unknown[]): void {
    // `path` is read or written by the method; a report's `template` is read.
    const fields: [string, PathUse][] = [['path', readingMethods.includes(method) ? 'open' : 'save'], ['template', 'open']];
    for (const arg of args) {
      if (!arg || typeof arg !== 'object') continue;
      for (const [field, use] of fields) {
        if (!Object.hasOwn(arg, field)) continue;
        const path = (arg as Record<string, unknown>)[field];
        if (path === undefined || path === null || path === '') continue;
        if (typeof path !== 'string' || !this.allows(sender, use, path)) throw new PaichaError('invalid', notChosenMessage);
      }
    }
  }
}

/**
 * Sites opened in the system browser without asking, by exact host name, over https only. Keep it short: the
 * national system's address belongs here once it is confirmed. Any other web address is opened only after the clerk
 * agrees; other schemes (file:, javascript:, smb: …) never.
 */
export const trustedWebHosts: readonly string[] = ['www.gov.cn'];

export interface ExternalLink {
  url: string;
  host: string;
  /** Opened without asking. */
  trusted: boolean;
}

/** A link the system browser may open, or null. */
export function externalLink(url: string, trusted: readonly string[] = trustedWebHosts): ExternalLink | null {
  const target = externalLinkTarget(url);
  if (!target) return null;
  const parsed = new URL(target);
  return { url: target, host: parsed.hostname, trusted: parsed.protocol === 'https:' && trusted.includes(parsed.hostname) };
}

const shown = (url: string) => (url.length > 300 ? `${url.slice(0, 300)}…` : url);

/** The question before an untrusted link opens: it names the site and the address; 取消 is the default. */
export function openLinkQuestion(link: ExternalLink): MessageBoxOptions {
  return {
    type: 'question',
    title: '打开网页',
    message: `要在浏览器中打开「${link.host}」的网页吗？`,
    detail: `网址：${shown(link.url)}\n\n这个网站不在本程序信任的网站中。请确认它可信后再打开，不要在网页上填写台账中的个人信息。`,
    buttons: ['打开', '取消'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}
