import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { KxError } from '../../../core/errors.js';
import { limits } from '../../../core/limits.js';
import { LiveHub, type LiveEvent } from '../../../app/live/hub.js';
import { actorOf, authenticate, type KxApp, type RouteDeps } from '../context.js';

const tags = ['live'];

/**
 * `GET /api/v1/live` — a server-sent event stream of what changed in the records this user may see (issue 7 §2):
 * `event: change` with `{id, type, aggregateType, aggregateId, customerId, occurredAt}`; the page refetches what
 * it shows. A comment every 15 s keeps proxies from closing a quiet stream; the session (or API key) is checked
 * again every minute — without counting as activity — and the stream ends when it is no longer valid. After a
 * reconnect the client refetches instead of replaying (the stream is a hint to reload, not a log).
 */
export async function liveRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const hub = new LiveHub(deps.database.db, { onError: (error) => app.log.error({ err: error }, 'live updates: poll failed') });
  const open = new Set<ServerResponse>();
  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
    await hub.close();
  });

  app.get('/api/v1/live', {
    schema: {
      tags, summary: 'Live updates: a text/event-stream of changes to records you may see (receipts, refunds, statements, alerts)',
      response: { 429: Type.Any() },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    if (hub.size >= limits.liveStreamsMax) throw new KxError('too_many_streams', `this server holds ${limits.liveStreamsMax} live streams already; try again later`);
    if (hub.countFor(actor.tenantId, actor.userId) >= limits.liveStreamsPerUserMax) {
      throw new KxError('too_many_streams', `at most ${limits.liveStreamsPerUserMax} live streams per user: close a tab`, { details: { max: limits.liveStreamsPerUserMax } });
    }
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no',
    });
    const write = (text: string) => { if (!raw.writableEnded) raw.write(text); };
    const subscription = await hub.subscribe(actor, (event: LiveEvent) => write(`id: ${event.id}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`));
    open.add(raw);
    write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), limits.liveHeartbeatMs);
    const recheck = setInterval(() => {
      // The same credentials the stream was opened with, checked as the API checks them, without counting as activity.
      authenticate(deps.database.db, request, { touch: false }).then((next) => subscription.update(next.actor)).catch(() => {
        write(`event: end\ndata: {"reason":"unauthenticated"}\n\n`);
        raw.end();
      });
    }, limits.liveRecheckMs);
    const cleanup = () => {
      clearInterval(heartbeat);
      clearInterval(recheck);
      subscription.close();
      open.delete(raw);
    };
    raw.on('close', cleanup);
    request.raw.on('close', () => { if (!raw.writableEnded) raw.end(); });
  });
}
