import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export interface RawUploadOptions {
  /** The `Content-Length` to announce; without one the body is sent chunked. */
  announce?: number;
  /** Body bytes to send at most (fewer when the answer comes first). */
  bytes: number;
  /** Bytes per write; the next is written once this one is handed to the kernel and a millisecond has passed. */
  pieceBytes: number;
  headers?: Record<string, string>;
  /** How long to wait for the answer and the server's close after the last write. */
  waitMs?: number;
}

export interface RawUploadResult {
  /** 0 when no answer came. */
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** Body bytes written when the first byte of the answer arrived (all of them when it came only after). */
  sentWhenAnswered: number;
  /** Milliseconds from the request's head being written to the first byte of the answer. */
  answeredAfterMs: number;
  /** The server closed the connection within the wait (we never close it first). */
  closedByServer: boolean;
}

/**
 * A client that uploads a request body slowly over a plain socket, the way a big upload trickles in, and notes
 * how much it had sent when the answer arrived: an HTTP client library would hide exactly that.
 */
export async function rawUpload(baseUrl: string, path: string, options: RawUploadOptions): Promise<RawUploadResult> {
  const { hostname, port, host } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  // Writing on after the server closed gives EPIPE or ECONNRESET: expected here, the writes just stop.
  socket.on('error', () => undefined);
  const chunked = options.announce === undefined;
  let sent = 0;
  let sentWhenAnswered: number | undefined;
  let answeredAt = 0;
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    if (sentWhenAnswered === undefined) {
      sentWhenAnswered = sent;
      answeredAt = Date.now();
    }
    received.push(chunk);
  });
  const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)));
  const write = (data: Buffer | string) => new Promise<void>((resolve) => socket.write(data, () => resolve()));

  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Content-Type: application/json',
    chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${options.announce}`,
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  const startedAt = Date.now();
  await write(head);
  while (sent < options.bytes && sentWhenAnswered === undefined && !socket.destroyed) {
    const piece = Buffer.alloc(Math.min(options.pieceBytes, options.bytes - sent), ' ');
    await write(chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece);
    sent += piece.length;
    await delay(1);
  }
  if (chunked && sentWhenAnswered === undefined && !socket.destroyed) await write('0\r\n\r\n');
  const closedByServer = await Promise.race([closed, delay(options.waitMs ?? 3_000, false)]);
  socket.destroy();

  const text = Buffer.concat(received).toString('utf8');
  const [answerHead = '', body = ''] = text.split('\r\n\r\n', 2);
  const [statusLine = '', ...headerLines] = answerHead.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0),
    headers,
    body,
    sentWhenAnswered: sentWhenAnswered ?? sent,
    answeredAfterMs: sentWhenAnswered === undefined ? Number.POSITIVE_INFINITY : answeredAt - startedAt,
    closedByServer,
  };
}
