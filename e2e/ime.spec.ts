import type { CDPSession, Page } from '@playwright/test';
import { expect, seedTopic, signedIn, test } from './fixtures.js';

/**
 * Typing Chinese through an input method while a colleague types at the same place (issue 14): the
 * pinyin being composed must never end up in the shared draft. Browser A composes through the
 * DevTools protocol, as a real IME does ('j', 'ji', 'jin', then '金' committed); browser B types
 * between the steps, each keystroke reaching A before A's composition goes on.
 */
test.use({ locale: 'zh-CN' });

declare global {
  interface Window {
    /** How many Yjs updates this page's draft connection has received and applied (see below). */
    yjsUpdatesApplied?: number;
  }
}

/**
 * Counts the Yjs updates the page's `/yjs/` connection receives, once the provider has applied each
 * (the count moves in a task after the message event), so the test can wait for B's keystroke to
 * have reached A's document whether A's editor shows it at once or after the composition.
 */
function countYjsUpdates(): void {
  const Native = window.WebSocket;
  window.yjsUpdatesApplied = 0;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes('/yjs/')) return;
      this.addEventListener('message', (event: MessageEvent) => {
        // y-websocket: message type 0 (sync), sync message 2 (update).
        const bytes = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : null;
        if (bytes?.[0] === 0 && bytes[1] === 2) setTimeout(() => (window.yjsUpdatesApplied! += 1));
      });
    }
  };
}

test('pinyin being composed never reaches the shared draft while a colleague types at the same place', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { topicId } = await seedTopic(request, yishi.setupCode);
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  const wang = await signedIn(browser, yishi.url, 'wang', consoleErrors);
  await yang.addInitScript(countYjsUpdates);
  for (const page of [yang, wang]) await page.goto(`/topics/${topicId}`);
  const editor = (page: Page) => page.getByRole('textbox', { name: '成果稿' });
  /** The draft's text, without the others' carets (their name labels are inside the text). */
  const draft = (page: Page) =>
    editor(page).evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return copy.textContent ?? '';
    });

  await editor(yang).click();
  await yang.keyboard.type('加装电梯');
  await expect.poll(() => draft(wang)).toBe('加装电梯');
  await editor(wang).click();
  await wang.keyboard.press('End');

  const ime: CDPSession = await yang.context().newCDPSession(yang);
  const compose = (text: string) =>
    ime.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  /** Wang types `key` at his caret, and it reaches Yang's document before Yang's input method goes on. */
  const wangTypes = async (key: string) => {
    const before = await yang.evaluate(() => window.yjsUpdatesApplied!);
    await wang.keyboard.type(key);
    await yang.waitForFunction((seen) => window.yjsUpdatesApplied! > seen, before);
  };

  // 资: 'z', 'zi', committed; 金: 'j', 'ji', 'jin', committed. Wang types a letter after each step.
  const words = [
    {
      steps: [
        ['z', 'Q'],
        ['zi', 'R'],
      ],
      character: '资',
    },
    {
      steps: [
        ['j', 'S'],
        ['ji', 'T'],
        ['jin', 'U'],
      ],
      character: '金',
    },
  ] as const;
  for (const { steps, character } of words) {
    for (const [pinyin, key] of steps) {
      await compose(pinyin);
      await expect(editor(yang)).toContainText(pinyin);
      await wangTypes(key);
      expect(await draft(wang), 'Wang never sees the pinyin').not.toMatch(/[a-z]/);
    }
    await ime.send('Input.insertText', { text: character });
    await expect(editor(yang)).toContainText(character);
  }

  // Both converge on the committed characters and everything Wang typed, once each, with no pinyin:
  // Yang's characters where Yang's caret was, before what Wang typed there in the meantime.
  await expect(editor(wang)).toContainText('金');
  await expect.poll(async () => (await draft(yang)) === (await draft(wang))).toBe(true);
  const result = await draft(yang);
  expect(result, 'no pinyin in the draft').not.toMatch(/[a-z]/);
  expect(result).toBe('加装电梯资金QRSTU');
  await yang.screenshot({ path: test.info().outputPath('ime.png') });
  await wang.screenshot({ path: test.info().outputPath('ime-colleague.png') });
});
