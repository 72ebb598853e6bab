import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * The other ends of the desk's mails and webhooks, real and on this machine: an SMTP server
 * (the npm smtp-server package) that keeps every mail it is given, parsed by mailparser,
 * and an HTTP server that keeps every POST and answers as the test says.
 */

export interface MailSink {
  port: number;
  mails: ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtpServer(port = 0): Promise<MailSink> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A status to answer with, or "hold" to keep the request open (a receiver that hangs). */
export type Answer = number | "hold";

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** How the next requests are answered (the default: 204). */
  answer: (request: Received) => Answer;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const held = new Set<http.ServerResponse>();
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    answer: () => 204,
    close: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const got = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      receiver.received.push(got);
      const answer = receiver.answer(got);
      if (answer === "hold") {
        held.add(response);
        return;
      }
      response.writeHead(answer, { "content-type": "text/plain" }).end(answer < 300 ? "" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
