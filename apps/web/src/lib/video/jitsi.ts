/**
 * Jitsi Meet's IFrame API (`external_api.js`), loaded from the deployment the server names: the part
 * of it the room uses.
 */

export interface JitsiOptions {
  roomName: string;
  jwt?: string;
  parentNode: HTMLElement;
  width: string;
  height: string;
  lang: string;
  userInfo: { displayName: string };
  /** Overrides of the deployment's config.js. */
  configOverwrite: Record<string, unknown>;
}

/** One embedded conference. */
export interface JitsiConference {
  dispose(): void;
  addListener(event: string, listener: (...args: unknown[]) => void): void;
}

export type JitsiMeetExternalApi = new (domain: string, options: JitsiOptions) => JitsiConference;

declare global {
  interface Window {
    JitsiMeetExternalAPI?: JitsiMeetExternalApi;
  }
}

const loaded = new Map<string, Promise<JitsiMeetExternalApi>>();

/** Loads a deployment's IFrame API once per page; a failed load is tried again next time. */
export function loadJitsiApi(scriptUrl: string): Promise<JitsiMeetExternalApi> {
  let loading = loaded.get(scriptUrl);
  if (!loading) {
    loading = new Promise<JitsiMeetExternalApi>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = scriptUrl;
      script.async = true;
      const fail = () => {
        loaded.delete(scriptUrl);
        script.remove();
        reject(new Error(`the Jitsi IFrame API did not load from ${scriptUrl}`));
      };
      script.addEventListener('error', fail);
      script.addEventListener('load', () => {
        if (window.JitsiMeetExternalAPI) resolve(window.JitsiMeetExternalAPI);
        else fail();
      });
      document.head.append(script);
    });
    loaded.set(scriptUrl, loading);
  }
  return loading;
}

/**
 * The config.js overrides of a conference in a Yishi room: no pre-join screen (the room already
 * knows who this is), and everyone starts muted, since the queue gives the floor.
 */
export const roomConfig: Record<string, unknown> = {
  prejoinConfig: { enabled: false },
  prejoinPageEnabled: false,
  startWithAudioMuted: true,
  disableDeepLinking: true,
};
