import type { RequestHandler } from 'express';

const KIB = 1024;

const sizeOf = (bytes: number) => (bytes % (KIB * KIB) === 0 ? `${bytes / (KIB * KIB)} MB` : bytes % KIB === 0 ? `${bytes / KIB} KB` : `${bytes} bytes`);

/**
 * Keeps a request's body as a Buffer in `req.body` (signatures are checked on the exact bytes), never more than
 * `limitBytes`. body-parser reads a body to its end before it refuses it, so a sender could make us take in any
 * amount; here a body announced larger is refused before any of it is read, and one sent without a length
 * (chunked) as soon as it passes the limit. The refusal is a 413 error with body-parser's `type`
 * (`entity.too.large`) for the error handlers, and its answer says `Connection: close`: Node then closes the
 * connection once it is sent, so the sender need not upload the rest and we never read it.
 */
export function readRawBody(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const announced = req.headers['content-length'];
    if (announced === undefined && req.headers['transfer-encoding'] === undefined) {
      req.body = Buffer.alloc(0);
      next();
      return;
    }
    const refuse = () => {
      res.setHeader('Connection', 'close');
      next(Object.assign(new Error(`body larger than ${sizeOf(limitBytes)}`), { status: 413, type: 'entity.too.large' }));
    };
    if (announced !== undefined && Number(announced) > limitBytes) {
      refuse();
      return;
    }

    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    function onData(chunk: Buffer) {
      received += chunk.length;
      if (received > limitBytes) {
        stop();
        req.pause();
        refuse();
        return;
      }
      chunks.push(chunk);
    }
    function onEnd() {
      stop();
      req.body = Buffer.concat(chunks, received);
      next();
    }
    // The sender went away mid-body: nobody is left to answer, but the request must not count as our failure.
    function onError(error: Error) {
      stop();
      next(Object.assign(error, { status: 400 }));
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}
