/**
 * The Microsoft Bot Framework channel (Teams, Azure Web Chat, the Emulator) through botbuilder's
 * `CloudAdapter`. This is the only file that imports the SDK, which Microsoft has archived: moving
 * to the Microsoft 365 Agents SDK means rewriting this file alone (`activity.ts` is SDK-free).
 *
 * `POST /api/messages`: the SDK validates the JWT when `MICROSOFT_APP_ID` is set (401 otherwise).
 * Without it the route exists only when `BOTFRAMEWORK_EMULATOR` is on, and then answers loopback
 * clients only (403 otherwise): an unauthenticated endpoint must not be reachable from outside.
 * Every activity is read through one schema (400 when it does not fit) and its `serviceUrl`
 * must be a Bot Framework host, a configured one, or loopback for the Emulator (403 otherwise);
 * a stored reference is checked again before each send. The turn stores the conversation
 * reference on the person's identity (for proactive messages: staff replies, reminders,
 * broadcasts), accepts the normalized event into the inbox and ends: the answer is 200 at once.
 * Sending is always proactive (`continueConversationAsync`) from the outbox.
 *
 * @example
 * const bf = new BotFrameworkChannel(config);
 * bf.mount(http, ctx); // POST /api/messages
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import type { Config } from '../../../config.js';
import { loadMessages, localeFromTag, translator, type MessageCatalog } from '../../../content/messages.js';
import { clientAddress, isLoopback } from '../../../http/client-address.js';
import { HttpError, type HttpRouter } from '../../../http/router.js';
import type { Outbound, SendResult } from '../../outbound.js';
import type { ChannelAdapter, ChannelContext, Recipient } from '../channel.js';
import { activityToInbound, outboundToActivities, type BfIncoming } from './activity.js';
import { cleanDeep } from '../clean-text.js';
import { activitySchema } from './activity-schema.js';
import { botFrameworkEnabled } from './enabled.js';
import { serviceUrlAllowed, type ServiceUrlPolicy } from './service-url.js';

export const BOTFRAMEWORK_PATH = '/api/messages';

/** `CloudAdapter` with its request processing reachable without express-style req/res objects. */
class UomCloudAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

function isAuthError(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number; constructor?: { name?: string } };
  return e?.constructor?.name === 'AuthenticationError' || e?.statusCode === 401;
}

/** The HTTP status of a failed connector call, when the SDK reports one. */
function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } };
  const status = Number(e?.statusCode ?? e?.response?.status);
  return Number.isFinite(status) && status > 0 ? status : undefined;
}

/**
 * The reference minus the person's display name and Entra object id: proactive sends need only
 * ids and the service URL, and a name must not be stored before consent (Decree 13/2023).
 */
function withoutPersonalData(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const user = reference.user ? { id: reference.user.id, name: '', ...(reference.user.role ? { role: reference.user.role } : {}) } : undefined;
  return { ...reference, ...(user ? { user } : {}) };
}

export class BotFrameworkChannel implements ChannelAdapter {
  readonly id = 'botframework' as const;
  private readonly adapter: UomCloudAdapter;
  private readonly appId: string;
  private messages: MessageCatalog | undefined;
  private readonly policy: ServiceUrlPolicy;

  /**
   * Whether a configuration switches the channel on: with `MICROSOFT_APP_ID`, or for the
   * Emulator with `BOTFRAMEWORK_EMULATOR`.
   *
   * @example
   * if (BotFrameworkChannel.enabled(config)) channels.push(new BotFrameworkChannel(config));
   */
  static enabled(config: Config): boolean {
    return botFrameworkEnabled(config);
  }

  constructor(private readonly config: Config) {
    this.appId = config.MICROSOFT_APP_ID ?? '';
    this.policy = { emulator: !config.MICROSOFT_APP_ID && config.BOTFRAMEWORK_EMULATOR, extraHosts: config.BOTFRAMEWORK_SERVICE_HOSTS };
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MICROSOFT_APP_ID,
      MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
      MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
      MicrosoftAppType: config.MICROSOFT_APP_ID ? (config.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant') : undefined,
    });
    this.adapter = new UomCloudAdapter(auth);
  }

  mount(http: HttpRouter, ctx: ChannelContext): void {
    if (!BotFrameworkChannel.enabled(this.config)) return;
    http.post(BOTFRAMEWORK_PATH, async (req) => {
      if (!this.appId && !isLoopback(clientAddress(req.raw, this.config.TRUST_PROXY))) {
        throw new HttpError(403, 'emulator_loopback_only', 'Without MICROSOFT_APP_ID this endpoint serves the Emulator on this machine only');
      }
      // Cleaned throughout: the SDK's conversation reference (stored as jsonb) keeps fields the schema passes through.
      const parsed = activitySchema.safeParse(cleanDeep(req.json<unknown>()));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HttpError(400, 'malformed_activity', `Not a Bot Framework activity${issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''}`);
      }
      const body = parsed.data;
      if (!serviceUrlAllowed(body.serviceUrl, this.policy)) {
        throw new HttpError(403, 'service_url_not_allowed', 'The activity\'s serviceUrl is not a Bot Framework host');
      }
      let duplicate = false;
      try {
        const response = await this.adapter.run(req.header('authorization') ?? '', body as unknown as Activity, async (turn) => {
          const normalized = activityToInbound(turn.activity as BfIncoming);
          if ('ignored' in normalized) return;
          const event = normalized.event;
          await ctx.store.call('identity_set_reference', {
            channel: 'botframework',
            external_id: event.userId,
            reference: withoutPersonalData(TurnContext.getConversationReference(turn.activity)),
            chat_id: event.chatId,
            chat_type: event.chatType ?? 'private',
            locale: event.locale?.slice(0, 2).toLowerCase() ?? null,
          });
          duplicate = (await ctx.accept(event)).duplicate;
        });
        if (response) return { status: response.status, json: response.body ?? {} };
      } catch (error) {
        if (isAuthError(error)) throw new HttpError(401, 'unauthorized', 'The request is not signed by the Bot Framework');
        throw error;
      }
      return { status: 200, json: { ok: true, duplicate } };
    });
  }

  /** "Type your phone number", in the language the platform reported for the conversation. */
  private phonePrompt(locale: string | undefined): string {
    this.messages ??= loadMessages(this.config.CONTENT_DIR);
    return translator(this.messages, localeFromTag(locale) ?? this.config.DEFAULT_LOCALE)('channels.phone_typed_prompt');
  }

  async send(to: Recipient, message: Outbound): Promise<SendResult> {
    const reference = to.reference as Partial<ConversationReference> | null | undefined;
    if (!reference?.serviceUrl || !reference.conversation) {
      return { status: 'failed', error: 'no conversation reference stored for this recipient' };
    }
    if (!serviceUrlAllowed(reference.serviceUrl, this.policy)) {
      return { status: 'failed', error: 'the stored serviceUrl is not an allowed Bot Framework host' };
    }
    let lastId: string | undefined;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (turn) => {
        const prompt = message.requestPhone ? this.phonePrompt(reference.locale) : undefined;
        const activities = outboundToActivities(message, {
          ...(reference.user?.id ? { recipientId: reference.user.id } : {}),
          ...(reference.channelId ? { channelId: reference.channelId } : {}),
          ...(prompt ? { phonePrompt: prompt } : {}),
        });
        for (const activity of activities) {
          const sent = await turn.sendActivity(activity as Partial<Activity>);
          lastId = sent?.id ?? lastId;
        }
      });
    } catch (error) {
      const status = statusOf(error);
      const why = `bot connector ${status ? `HTTP ${status}` : 'error'}: ${(error as Error).message?.slice(0, 200) ?? ''}`;
      if (status === 403 || status === 404) {
        return { status: 'failed', error: why, unreachable: status === 403 ? 'botframework_forbidden' : 'botframework_not_found' };
      }
      if (status === 429) return { status: 'retry', retryInMs: 30_000, error: why };
      if (status === undefined || status >= 500 || status === 401) return { status: 'retry', retryInMs: 10_000, error: why };
      return { status: 'failed', error: why };
    }
    return { status: 'sent', ...(lastId ? { platformMessageId: lastId } : {}) };
  }
}
