import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { jwtVerify } from 'jose';
import { expect, seedTopic, signedIn, test as base } from './fixtures.js';

/**
 * A hybrid meeting with a Jitsi Meet conference embedded in the room, beside the queue.
 *
 * The real Jitsi Meet is not reachable here (CI's machine has no internet access, and no Jitsi
 * deployment runs on it), so the test starts a stand-in on another local origin: its
 * `external_api.js` defines `window.JitsiMeetExternalAPI`, which records what it was constructed with
 * on the frame it puts in the page (a page of the stand-in's origin, so the frame-src policy is
 * exercised too). Yishi runs with JITSI_URL pointing at it. What is tested is Yishi's side: the
 * policy lets the script and the frame in, the room constructs the conference with the room name the
 * server drew and a token signed for this person, and disposes of it on leaving.
 */

const APP_ID = 'yishi-e2e';
const APP_SECRET = 'an-e2e-jitsi-app-secret-of-32-chars!';

/** The stand-in for a deployment's IFrame API: records its constructor's arguments in the DOM. */
const STAND_IN_API = `
(() => {
  const origin = new URL(document.currentScript.src).origin;
  window.JitsiMeetExternalAPI = class {
    constructor(domain, options) {
      const frame = document.createElement('iframe');
      frame.src = origin + '/' + encodeURIComponent(options.roomName);
      frame.title = 'Jitsi stand-in';
      frame.width = '100%';
      frame.height = '100%';
      frame.dataset.domain = domain;
      frame.dataset.roomName = options.roomName;
      frame.dataset.jwt = options.jwt || '';
      frame.dataset.displayName = options.userInfo.displayName;
      frame.dataset.lang = options.lang;
      frame.dataset.config = JSON.stringify(options.configOverwrite);
      options.parentNode.appendChild(frame);
      this.frame = frame;
    }
    addListener() {}
    dispose() {
      this.frame.remove();
      document.body.dataset.jitsiDisposed = String(Number(document.body.dataset.jitsiDisposed || 0) + 1);
    }
  };
})();
`;

async function startStandIn(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/external_api.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(STAND_IN_API);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><meta charset="utf-8"><body style="margin:0;display:grid;place-items:center;height:100vh;' +
        'background:#1c2430;color:#fff;font:16px sans-serif">Jitsi Meet stand-in: the conference would show here</body>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const test = base.extend<{ jitsi: { url: string } }>({
  jitsi: async ({}, use) => {
    const { server, url } = await startStandIn();
    await use({ url });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  },
  yishiEnv: async ({ jitsi }, use) => {
    await use({ JITSI_URL: jitsi.url, JITSI_APP_ID: APP_ID, JITSI_APP_SECRET: APP_SECRET });
  },
});

test.use({ locale: 'zh-CN' });

/** The token's claims, verified with the secret the deployment would share. */
async function claimsOf(jwt: string) {
  const { payload } = await jwtVerify(jwt, new TextEncoder().encode(APP_SECRET), {
    algorithms: ['HS256'],
    issuer: APP_ID,
    audience: 'jitsi',
    subject: '127.0.0.1',
  });
  return payload as typeof payload & { room: string; context: { user: { name: string; moderator: boolean } } };
}

const conference = (page: Page) => page.getByTitle('Jitsi stand-in');

test('the room embeds the Jitsi conference the server named, with a token per person', async ({
  browser,
  request,
  yishi,
  jitsi,
  consoleErrors,
}) => {
  const { call, topicId } = await seedTopic(request, yishi.setupCode);
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);

  // The server has Jitsi: the scheduling form offers it, instead of a link.
  await chair.goto(`/topics/${topicId}`);
  const form = chair.getByRole('form', { name: '安排会议' });
  await form.getByLabel('会议名称').fill('加装电梯远程协商会');
  await form.getByLabel('开始时间').fill('2026-12-08T09:00');
  await form.getByLabel('参会方式').selectOption({ label: '现场与远程结合' });
  await form.getByLabel('在会议室中嵌入视频会议（Jitsi）').check();
  await expect(form.getByLabel('视频会议链接（可选）')).toBeHidden();
  await form.screenshot({ path: 'test-results/video-form.png' });
  await form.getByRole('button', { name: '安排会议' }).click();
  await expect(form.getByRole('status')).toContainText('已安排会议“加装电梯远程协商会”');
  const item = chair.locator('li.meeting', { hasText: '加装电梯远程协商会' });
  await expect(item.locator('[data-meeting-form]')).toContainText('会议室内视频');

  const topic = (await (await request.get(`/api/topics/${topicId}`)).json()).topic;
  const meetingId = topic.meetings.find((m: { title: string }) => m.title === '加装电梯远程协商会').id as string;
  // Before the meeting opens there is no conference to join.
  await chair.goto(`/meetings/${meetingId}`);
  await expect(chair.getByRole('region', { name: '视频会议' })).toContainText('会议开始后即可进入视频会议');
  await call(`/api/meetings/${meetingId}/open`, {});

  const served = await (await request.get(`/api/meetings/${meetingId}/video`)).json();
  expect(served).toMatchObject({
    provider: 'jitsi',
    domain: new URL(jitsi.url).host,
    scriptUrl: `${jitsi.url}/external_api.js`,
  });
  expect(served.roomName).toMatch(/^yishi-[0-9a-f]{32}$/);

  await chair.reload();
  const chairFrame = conference(chair);
  await expect(chairFrame).toHaveAttribute('data-room-name', served.roomName);
  await expect(chairFrame).toHaveAttribute('data-domain', new URL(jitsi.url).host);
  await expect(chairFrame).toHaveAttribute('data-display-name', '周主席');
  await expect(chairFrame).toHaveAttribute('data-lang', 'zh-CN');
  expect(JSON.parse((await chairFrame.getAttribute('data-config'))!)).toMatchObject({ startWithAudioMuted: true });
  const chairClaims = await claimsOf((await chairFrame.getAttribute('data-jwt'))!);
  expect(chairClaims).toMatchObject({ room: served.roomName, context: { user: { name: '周主席', moderator: true } } });
  // The stand-in's own page loaded in the frame: the policy lets its origin in.
  await expect(chair.frameLocator('iframe[title="Jitsi stand-in"]').locator('body')).toContainText('stand-in');

  // A participant joins the same room with a token of her own, not a moderator's.
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  await yang.goto(`/meetings/${meetingId}`);
  await expect(conference(yang)).toHaveAttribute('data-room-name', served.roomName);
  const yangClaims = await claimsOf((await conference(yang).getAttribute('data-jwt'))!);
  expect(yangClaims.context.user).toMatchObject({ name: '杨晓燕', moderator: false });
  // The queue stays the floor control: she asks for the floor beside the conference.
  await expect(yang.getByRole('button', { name: '举手' })).toBeVisible();

  await chair.screenshot({ path: 'test-results/video-room.png', fullPage: true });

  // Leaving the room disposes of the conference.
  await yang
    .getByRole('link', { name: /议题：/ })
    .first()
    .click();
  await expect(yang.locator('body')).toHaveAttribute('data-jitsi-disposed', '1');
  await expect(conference(yang)).toHaveCount(0);
});
