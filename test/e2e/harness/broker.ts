/**
 * An in-process aedes broker on 127.0.0.1 whose network side can be cut and restored on the same
 * port (what a client sees when the broker restarts), keeping sessions of clean:false clients.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import { listen } from '../../../app/simulator/listen.js';

export interface TestBroker {
  readonly port: number;
  /** Drops every connection and stops listening. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestBroker(): Promise<TestBroker> {
  const aedes = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  let server: Server;
  const start = (port: number) => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
      aedes.handle(socket);
    });
    return listen(server, '127.0.0.1', port);
  };
  const port = await start(0);
  const stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    port,
    cut: stop,
    restore: async () => {
      await start(port);
    },
    close: async () => {
      await stop().catch(() => undefined);
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
