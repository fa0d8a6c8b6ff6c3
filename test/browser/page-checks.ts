/** Small checks of an element on the page for browser tests: has it focus, is it inside the window (scrolled into view). */
import type { Locator } from 'playwright-core';

export const isFocused = (locator: Locator): Promise<boolean> => locator.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);

/** The element has a size and lies wholly inside the browser window. */
export const inViewport = (locator: Locator): Promise<boolean> =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const win = el.ownerDocument.defaultView as unknown as { innerHeight: number; innerWidth: number };
    return r.height > 0 && r.top >= 0 && r.bottom <= win.innerHeight && r.left >= 0 && r.right <= win.innerWidth;
  });
