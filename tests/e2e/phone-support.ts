import type { BrowserContext, Locator, Page } from 'playwright-core';

/** A 360 × 740 phone, as the workshop's participants hold them. */
export const PHONE = { viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

/**
 * Android's and Chrome's text scaling, emulated: the root font size at `percent` on every page
 * the context loads (the app sizes text in rem, so everything that should grow does).
 */
export async function textSize(context: BrowserContext, percent: number): Promise<void> {
  if (percent === 100) return;
  await context.addInitScript((size) => {
    // The script runs before the document has its root element: set it as soon as there is one.
    const apply = () => {
      if (!document.documentElement) return false;
      document.documentElement.style.fontSize = `${size}%`;
      return true;
    };
    if (!apply()) {
      const observer = new MutationObserver(() => apply() && observer.disconnect());
      observer.observe(document, { childList: true });
    }
  }, percent);
}

/** What the layout checks measure on one phone page. */
export interface PhoneGeometry {
  /** The top of the phase's primary action with the page scrolled to the top (null: not shown). */
  primaryTop: number | null;
  /** The document's width (more than the viewport means horizontal scrolling). */
  scrollWidth: number;
  /** Elements narrower than two characters of their own text, described. */
  narrow: string[];
  /** The pinned phase header's height once the page is scrolled to its end. */
  headerAfterScroll: number;
}

/** Scroll to `y` and wait until the header has settled into its full or compact form. */
async function scrollAndSettle(page: Page, y: 'top' | 'end'): Promise<void> {
  await page.evaluate((where) => window.scrollTo(0, where === 'top' ? 0 : document.documentElement.scrollHeight), y);
  const header = page.getByTestId('phase-header');
  if (y === 'top') await header.and(page.locator(':not(.is-compact)')).waitFor();
  else if (await page.evaluate(() => window.scrollY > 48)) await header.and(page.locator('.is-compact')).waitFor();
  // Two frames: the layout after the class change is the one measured.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Measure the phone's layout: see `PhoneGeometry`. */
export async function measurePhone(page: Page, primary: Locator): Promise<PhoneGeometry> {
  await scrollAndSettle(page, 'end');
  const headerAfterScroll = (await page.getByTestId('phase-header').boundingBox())?.height ?? 0;
  await scrollAndSettle(page, 'top');
  const box = await primary.boundingBox();
  const { scrollWidth, narrow } = await page.evaluate(() => {
    const found: string[] = [];
    // Each run of text as laid out: a word broken one character per line is a box one character wide.
    const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      // One glyph (−, ＋, ●) is allowed a one-glyph box.
      if ([...text].length < 2 || !node.parentElement) continue;
      const el = node.parentElement;
      if (el.closest('.visually-hidden, [hidden], details:not([open]) > :not(summary)')) continue;
      const style = getComputedStyle(el);
      if (style.clipPath !== 'none' || style.visibility === 'hidden') continue;
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      // Two characters of this text in this font (whatever font the machine has), measured one by one.
      const start = (node.textContent ?? '').indexOf(text[0]);
      const charWidth = (i: number) => {
        range.setStart(node!, start + i);
        range.setEnd(node!, start + i + 1);
        return range.getBoundingClientRect().width;
      };
      const twoChars = charWidth(0) + charWidth(1);
      if (rect.width + 0.5 < twoChars) found.push(`<${el.tagName.toLowerCase()} class="${el.className}"> "${text.slice(0, 20)}" ${Math.round(rect.width)}px < ${Math.round(twoChars)}px`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, narrow: found };
  });
  return { primaryTop: box ? Math.round(box.y) : null, scrollWidth, narrow, headerAfterScroll: Math.round(headerAfterScroll) };
}
