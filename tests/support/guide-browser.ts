// Debian's Chromium driven by playwright-core, for the web guide's tests: one browser per test file (a
// fresh profile, removed on close); each page records what would show a viewer something went wrong
// (console errors, uncaught exceptions, dialogs such as an injected alert()). Also /epg.xml's
// programmes, parsed as a guide client would, to hold the page against.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

export interface WatchedPage {
  readonly page: Page;
  /** Console errors, page errors and dialogs, as text. */
  readonly problems: string[];
}

export interface GuideBrowser {
  /** A new page at `url`; `clock`: the page's timers and Date are Playwright's fake clock, for moving time on. */
  open(url: string, options?: { readonly viewport?: { width: number; height: number }; readonly clock?: boolean }): Promise<WatchedPage>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<GuideBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'retrovue-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    async open(url, options = {}) {
      const page = await context.newPage();
      await page.setViewportSize(options.viewport ?? { width: 1280, height: 800 });
      if (options.clock === true) await page.clock.install();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.goto(url);
      return { page, problems };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface GuideEntry {
  readonly channel: string;
  readonly title: string;
  readonly startMs: number;
  readonly stopMs: number;
}

/** `20261206070900 +0130` → epoch milliseconds. */
export function xmltvInstant(text: string): number {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d) ([+-])(\d\d)(\d\d)$/.exec(text);
  if (m === null) throw new Error(`not an XMLTV time: ${text}`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetMs = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) * 60_000;
  return Date.UTC(y, mo - 1, d, h, mi, s) - offsetMs;
}

/** The programmes of an XMLTV document, each under its channel's first display name. */
export function xmltvEntries(xml: string): GuideEntry[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['channel', 'programme', 'display-name', 'title'].includes(name) });
  type Text = string | { '#text': string };
  const text = (t: Text | undefined) => (typeof t === 'object' ? t['#text'] : (t ?? ''));
  const doc = parser.parse(xml) as { tv: { channel?: Array<{ '@id': string; 'display-name': Text[] }>; programme?: Array<{ '@channel': string; '@start': string; '@stop': string; title: Text[] }> } };
  const names = new Map((doc.tv.channel ?? []).map((c) => [c['@id'], text(c['display-name'][0])]));
  return (doc.tv.programme ?? []).map((p) => ({
    channel: names.get(p['@channel']) ?? `?${p['@channel']}`, title: text(p.title[0]), startMs: xmltvInstant(p['@start']), stopMs: xmltvInstant(p['@stop']),
  }));
}

/** Entries on air at some moment of [fromMs, toMs), in a stable order for comparing. */
export function entriesBetween(entries: readonly GuideEntry[], fromMs: number, toMs: number): GuideEntry[] {
  return entries
    .filter((e) => e.stopMs > fromMs && e.startMs < toMs)
    .sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.startMs - b.startMs));
}

/** Reads the page's grid: every programme block under its channel's shown name (run in the page). */
export const pageGridEntries = `[...document.querySelectorAll('.row')].flatMap((row) => {
  const channel = row.querySelector('.channel-name').textContent;
  return [...row.querySelectorAll('.programme')].map((p) => ({
    channel, title: p.querySelector('.programme-title').textContent, startMs: Date.parse(p.dataset.start), stopMs: Date.parse(p.dataset.stop),
  }));
})`;

export interface PageRow {
  readonly id: string;
  readonly number: string;
  readonly name: string;
  readonly button: string | null;
  readonly placeholder: boolean;
  readonly nowTitle: string | null;
  readonly progress: number | null;
  readonly nextTitle: string | null;
  readonly nowVisible: boolean;
  readonly timelineVisible: boolean;
}

/** Reads each channel row as a viewer sees it (run in the page). */
export const pageRows = `[...document.querySelectorAll('.row')].map((row) => {
  const shown = (el) => el !== null && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {
    id: row.dataset.channelId,
    number: row.querySelector('.channel-number').textContent,
    name: row.querySelector('.channel-name').textContent,
    button: row.querySelector('button.channel')?.getAttribute('aria-label') ?? null,
    placeholder: row.querySelector('.logo-placeholder') !== null,
    nowTitle: row.querySelector('.now-title')?.textContent ?? null,
    progress: row.querySelector('progress.now-progress')?.value ?? null,
    nextTitle: row.querySelector('.next-title')?.textContent ?? null,
    nowVisible: shown(row.querySelector('.now-title')),
    timelineVisible: shown(row.querySelector('.timeline')),
  };
})`;
