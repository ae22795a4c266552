/**
 * A loopback fake of the Bot Connector REST API (learn.microsoft.com "Bot Connector API
 * reference": Send to conversation `POST /v3/conversations/{conversationId}/activities` and Reply to
 * activity `POST /v3/conversations/{conversationId}/activities/{activityId}`, both answering
 * `{ id }` — a ResourceResponse). Tests use its URL as the activity's `serviceUrl`, so the real
 * botbuilder client sends replies here. A conversation can be made to answer an error status
 * (403 when the bot was removed, 404 when the conversation is gone), with the API's ErrorResponse.
 *
 * @example
 * const connector = await startFakeConnector();
 * // post an activity with serviceUrl: connector.url to /api/messages …
 * connector.activities; // what the bot sent
 */
import { sendJson, startFakeServer, type FakeServer } from './http-server.js';

export interface ConnectorActivity {
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: {
    type: string;
    text?: string;
    attachments?: { contentType?: string; contentUrl?: string; content?: { buttons?: { type: string; title: string; value: string }[] } }[];
    suggestedActions?: { actions: { type: string; title: string; value?: unknown }[] };
    [key: string]: unknown;
  };
}

export interface FakeConnector extends FakeServer {
  activities: ConnectorActivity[];
  /** HTTP status to answer for a conversation (persistent). */
  conversationErrors: Map<string, number>;
  activitiesIn(conversationId: string): ConnectorActivity[];
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const activities: ConnectorActivity[] = [];
  const conversationErrors = new Map<string, number>();
  let seq = 0;
  const server = await startFakeServer((req, res) => {
    const match = ROUTE.exec(req.path.split('?')[0]!);
    if (req.method !== 'POST' || !match) return sendJson(res, 404, { error: { code: 'NotFound', message: 'unknown route' } });
    const conversationId = decodeURIComponent(match[1]!);
    const status = conversationErrors.get(conversationId);
    if (status !== undefined) {
      const code = status === 403 ? 'BotNotInConversationRoster' : status === 404 ? 'ConversationNotFound' : 'ServiceError';
      return sendJson(res, status, { error: { code, message: `fake ${code}` } });
    }
    let activity: ConnectorActivity['activity'];
    try {
      activity = JSON.parse(req.body) as ConnectorActivity['activity'];
    } catch {
      return sendJson(res, 400, { error: { code: 'BadSyntax', message: 'invalid JSON' } });
    }
    activities.push({
      conversationId,
      ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
      ...(typeof req.headers.authorization === 'string' ? { authorization: req.headers.authorization } : {}),
      activity,
    });
    return sendJson(res, 200, { id: `act-${++seq}` });
  });
  return Object.assign(server, {
    activities,
    conversationErrors,
    activitiesIn: (conversationId: string) => activities.filter((a) => a.conversationId === conversationId),
  });
}
