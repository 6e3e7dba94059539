// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    /** What `+error.svelte` receives for an unexpected error (see hooks.client.ts). */
    interface Error {
      message: string;
      /** An error code of the protocol, or `NETWORK` when the server could not be reached. */
      code?: string;
    }

    interface PageData {
      /** `false` on pages that draw the whole screen themselves, without the app's header (the projector). */
      chrome?: false;
    }
  }
}

export {};
