import { constants, createDeflate, type Deflate } from 'node:zlib';
import type { WebSocket } from 'ws';

/**
 * Gateway transport compression (`compress=zlib-stream`): one zlib context for the whole connection, each payload
 * flushed with Z_SYNC_FLUSH so it ends in 00 00 ff ff, which is how clients find message boundaries. discord.js only
 * asks for it when the optional `zlib-sync` package is installed.
 */
export class ZlibStreamWriter {
  readonly #deflate: Deflate = createDeflate();
  readonly #socket: WebSocket;
  // Payloads must leave in order and each flush must finish before the next write joins the stream.
  #queue: Promise<void> = Promise.resolve();

  constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.once('close', () => this.#deflate.close());
  }

  send(text: string): void {
    this.#queue = this.#queue.then(
      () =>
        new Promise<void>((resolve) => {
          const chunks: Buffer[] = [];
          const collect = (chunk: Buffer) => chunks.push(chunk);
          this.#deflate.on('data', collect);
          this.#deflate.write(text);
          this.#deflate.flush(constants.Z_SYNC_FLUSH, () => {
            this.#deflate.off('data', collect);
            if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  }
}
