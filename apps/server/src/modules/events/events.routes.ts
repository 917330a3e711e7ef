import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangeFeedQuery, OrgParams, type ChangeFeedEvents } from '@promptops/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { validationFailed } from '../../platform/errors.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import { openEventStream, type EventStream } from '../../platform/http/sse.js';
import { openChangeFeed, type ChangeFeed } from './events.service.js';

function replayFrom(header: string | string[] | undefined, after: number | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return after;
  if (!/^\d{1,15}$/.test(value))
    throw validationFailed([
      { path: 'headers.last-event-id', message: 'Must be an event id (a whole number)' },
    ]);
  return Number(value);
}

export function eventsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const open = new Set<{ stream: EventStream<ChangeFeedEvents>; feed: ChangeFeed }>();
    // Feeds never end on their own: end them so the server can close.
    r.addHook('preClose', async () => {
      for (const o of open) {
        o.feed.close();
        o.stream.end();
      }
    });
    r.get('/orgs/:orgId/events', {
      config: { access: { permission: 'prompts:read' } },
      schema: {
        operationId: 'streamEvents',
        tags: ['events'],
        summary: "Change feed: the organization's events as server-sent events",
        description:
          'Each event is sent as `id: <event id>`, `event: <type>` (`prompt.version_created`, `prompt.label_moved`, `experiment.changed`, …) and `data: <PlatformEvent>`. A reconnecting client sends `Last-Event-ID` (or `?after=`) and first gets every event after that id, in order, then live events; without either it gets live events only. A `: keep-alive` comment comes every 15 s.',
        params: OrgParams,
        querystring: ChangeFeedQuery,
        produces: ['text/event-stream'],
        response: {
          200: z.string().describe('text/event-stream of PlatformEvent'),
          ...problems(400, 403, 404),
        },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        const after = replayFrom(req.headers['last-event-id'], req.query.after);
        const entry = {} as { stream: EventStream<ChangeFeedEvents>; feed: ChangeFeed };
        entry.stream = openEventStream<ChangeFeedEvents>(reply, {
          onClientGone: () => {
            entry.feed.close();
            open.delete(entry);
          },
        });
        entry.feed = openChangeFeed(app, ctx.orgId, after, async (event) => {
          entry.stream.send(event.type as keyof ChangeFeedEvents, event as never, event.id);
          await entry.stream.drained();
        });
        open.add(entry);
        await entry.feed.ready.catch((err: unknown) => {
          req.log.error({ err }, 'change feed replay failed');
          entry.feed.close();
          entry.stream.end();
        });
        return reply;
      },
    });
  };
}
