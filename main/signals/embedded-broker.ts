/**
 * The embedded MQTT broker (Aedes, in-process) for sites without one: bound
 * to loopback by default. With users configured, a utility may only publish
 * below its site's signals topic and read the site's topics; a reader only
 * reads. The hub itself logs in with a one-time secret.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import type { AuthenticateError } from 'aedes';
import type { Logger } from '../common/log.js';
import type { SignalsConfig } from './signals-config.js';
import type { SiteTopics } from './topics.js';

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  /** Credentials the hub's own client uses. */
  readonly hubCredentials: { readonly username: string; readonly password: string };
  close(): Promise<void>;
}

const hubUser = 'scale-hub';

function sameSecret(a: string, b: Buffer | undefined): boolean {
  if (b === undefined) return false;
  const x = Buffer.from(a, 'utf8');
  return x.length === b.length && timingSafeEqual(x, b);
}

/** MQTT topic filter match (+ one level, # the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

export async function startEmbeddedBroker(config: SignalsConfig['broker'], topics: SiteTopics, discoveryPrefix: string, log: Logger): Promise<EmbeddedBroker> {
  const hubPassword = randomBytes(18).toString('base64url');
  const users = config.users;
  const roles = new Map<string, 'hub' | 'utility' | 'reader'>();
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      if (username === hubUser && sameSecret(hubPassword, password)) {
        roles.set(client.id, 'hub');
        return done(null, true);
      }
      if (users.length === 0) return done(null, true);
      const user = users.find((u) => u.username === username);
      if (user === undefined || !sameSecret(user.password, password)) {
        log.warn('mqtt broker: login refused', { username: username ?? '(none)' });
        const err = new Error('bad username or password') as AuthenticateError;
        err.returnCode = 4;
        return done(err, false);
      }
      roles.set(client.id, user.role);
      return done(null, true);
    },
    authorizePublish(client, packet, callback) {
      const role = client === null ? 'hub' : roles.get(client.id);
      if (users.length === 0 || role === 'hub') return callback(null);
      if (role === 'utility' && topicMatches(`${topics.base}/signals/#`, packet.topic)) return callback(null);
      callback(new Error(`not allowed to publish to ${packet.topic}`));
    },
    authorizeSubscribe(client, sub, callback) {
      const role = roles.get(client.id);
      if (users.length === 0 || role === 'hub') return callback(null, sub);
      // A filter is readable when every topic it can match lies below the site or the discovery prefix.
      const concrete = sub.topic.replace(/#$/, 'x').replace(/\+/g, 'x');
      const readable = topicMatches(`${topics.base}/#`, concrete) || topicMatches(`${discoveryPrefix}/#`, concrete);
      // A null subscription answers "refused" (0x80) without dropping the client.
      callback(null, readable ? sub : null);
    },
  });
  broker.on('clientDisconnect', (client) => roles.delete(client.id));
  const server: Server = createServer(broker.handle);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info(`embedded MQTT broker on ${config.host}:${port}`);
  return {
    url: `mqtt://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    port,
    hubCredentials: { username: hubUser, password: hubPassword },
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => {
          // A client that does not hang up would hold server.close() forever.
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        });
      }),
  };
}
