/**
 * A real SMTP server (the smtp-server package) on loopback for tests that
 * check what Weir e-mails: it accepts every message, keeps it raw, and can
 * unfold quoted-printable so tests can search the text.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type TSmtpReceiver = {
  /** smtp://127.0.0.1:<port>, for WEIR_SMTP_URL. */
  url: string;
  /** Each message as received (headers and body), with quoted-printable soft breaks and =3D undone. */
  mails: string[];
  close: () => Promise<void>;
};

export async function startSmtpReceiver(): Promise<TSmtpReceiver> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push(raw.replace(/=\r?\n/g, "").replace(/=3D/g, "="));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
