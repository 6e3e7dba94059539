import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the test's mail server received, parsed. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Map<string, unknown>;
}

export interface MailServer {
  /** `smtp://127.0.0.1:port` for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Resolves with the first mail received to `address` that `received` does not hold yet at the call, or holds unclaimed. */
  mailTo(address: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on port 0, without TLS or authentication, that
 * keeps every mail it accepts. `refuse` recipients are answered with a temporary failure (451) that
 * many times before being accepted, as a mail server that is briefly unable to take mail does.
 */
export async function startMailServer(options: { refuse?: number } = {}): Promise<MailServer> {
  let refusals = options.refuse ?? 0;
  const received: ReceivedMail[] = [];
  const claimed = new Set<ReceivedMail>();
  const waiting: { address: string; resolve: (mail: ReceivedMail) => void }[] = [];
  const deliver = (mail: ReceivedMail) => {
    received.push(mail);
    const i = waiting.findIndex((w) => mail.to.includes(w.address));
    if (i >= 0) {
      claimed.add(mail);
      waiting.splice(i, 1)[0]!.resolve(mail);
    }
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals > 0) {
        refusals--;
        const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          deliver({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            headers: parsed.headers as Map<string, unknown>,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    mailTo(address) {
      const already = received.find((m) => m.to.includes(address) && !claimed.has(m));
      if (already) {
        claimed.add(already);
        return Promise.resolve(already);
      }
      return new Promise((resolve) => waiting.push({ address, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
