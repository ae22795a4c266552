/**
 * The database thread: opens PGlite on the data directory named in `workerData` and runs the
 * main thread's queries through one `DirectConnection`, urgent ones first. Started by
 * `ThreadConnection`; never imported by anything else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DirectConnection } from './pglite-connection.js';
import { createPgliteDatabase } from './pglite-database.js';
import { threadError, type ThreadOpenOptions, type ThreadReply, type ThreadRequest } from './pglite-thread-protocol.js';

const port = parentPort!;
const post = (reply: ThreadReply) => port.postMessage(reply);

async function serve(connection: DirectConnection, request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'query':
      return connection.query(request.sql, request.params, request.urgent);
    case 'exec':
      return connection.exec(request.sql);
    case 'readOnlyQuery':
      return connection.readOnlyQuery(request.sql, request.params);
    case 'ping':
      return connection.ping();
    case 'close':
      return connection.close();
  }
}

try {
  const connection = new DirectConnection(await createPgliteDatabase(workerData as ThreadOpenOptions));
  port.on('message', (request: ThreadRequest) => {
    serve(connection, request)
      .then(
        (value) => post({ id: request.id, value }),
        (error: unknown) => post({ id: request.id, error: threadError(error) }),
      )
      // Closing the port lets the thread end once the database is closed.
      .finally(() => request.op === 'close' && port.close());
  });
  post({ id: 0, ready: true });
} catch (error) {
  post({ id: 0, failedToOpen: threadError(error) });
}
