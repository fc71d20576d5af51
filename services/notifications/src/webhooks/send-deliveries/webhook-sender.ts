import { nameBasedId, type IntegrationEventEnvelope } from '@broker/contracts';
import { DocumentVersionConflictError, type DocumentStore, type StoredDocument, type UnitOfWork } from '@broker/read-models';
import { Directory, RESELLER_DIRECTORY, type ResellerEntry } from '../../directory/directory';
import type { Mailbox } from '../../mail/mailbox';
import { enqueueNotification } from '../../outbox/enqueue-notification';
import type { NotificationContext } from '../../outbox/notification-settings';
import { webhookHeaders } from '../signing/webhook-signature';
import { checkWebhookUrl, resolveWithDns, UrlRefusedError, type CheckedUrl, type HostResolver, type UrlPolicy } from '../url-policy/url-policy';
import { WEBHOOK_DELIVERIES, type WebhookDeliveryDocument } from '../webhook-delivery';
import { WEBHOOK_ENDPOINTS, type WebhookEndpointDocument } from '../webhook-endpoint';
import { afterOutcome, decideAfterAttempt, failureText, nextToSend, type AttemptResult, type WebhookRetryPolicy } from './delivery-schedule';
import { mailedTarget, webhookDisabledMail } from './webhook-disabled.template';
import { postWebhook } from './webhook-http-client';

export const WEBHOOK_USER_AGENT = 'CloudBroker-Webhooks/1.0';

export interface WebhookSenderOptions {
  store: DocumentStore;
  /** The logger, the clock, and what the owner's e-mail needs when an endpoint is disabled. */
  context: NotificationContext;
  policy: UrlPolicy;
  retry: WebhookRetryPolicy;
  timeoutMs: number;
  resolve?: HostResolver;
  /** Endpoints worked on at once (each one's deliveries go one at a time, in order). Default 8. */
  concurrency?: number;
  random?: () => number;
}

/** Due deliveries read per look to find the endpoints with work (each endpoint is then worked off to its end). */
const DUE_SCAN = 500;
const PAGE = 500;

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Works off the webhook deliveries (run by one replica at a time, see WebhookSending). Per endpoint strictly in the
 * order the deliveries were made: the earliest pending one is attempted when it is due, and nothing after it goes
 * before it is delivered or has failed for good, so the receiver sees one subject's events in order. Each attempt
 * checks the URL policy again and connects to the address it checked; 2xx delivers, anything else is retried with
 * backoff until WEBHOOK_RETRY_FOR_MS after the delivery was made. Deliveries of a disabled endpoint are paused.
 */
export class WebhookSender {
  private readonly resolve: HostResolver;
  private readonly random: () => number;

  constructor(private readonly options: WebhookSenderOptions) {
    this.resolve = options.resolve ?? resolveWithDns;
    this.random = options.random ?? Math.random;
  }

  private now(): number {
    return this.options.context.now().getTime();
  }

  /** Sends what is due now, each endpoint's in order; answers when done (or when `signal` aborts). */
  async look(signal: AbortSignal): Promise<void> {
    const due = await this.options.store.find<WebhookDeliveryDocument>(WEBHOOK_DELIVERIES.name, {
      where: { status: 'pending' },
      range: { field: 'nextAttemptAt', to: this.now() + 1 },
      sort: { field: 'nextAttemptAt', direction: 'asc' },
      limit: DUE_SCAN,
    });
    const endpointIds = [...new Set(due.items.map((item) => item.data.endpointId))];
    await eachLimited(endpointIds, this.options.concurrency ?? 8, async (endpointId) => {
      try {
        await this.workOff(endpointId, signal);
      } catch (error) {
        this.options.context.logger.error({ endpointId, err: error }, 'webhook deliveries of an endpoint failed to be worked off; will look again');
      }
    });
  }

  private async workOff(endpointId: string, signal: AbortSignal): Promise<void> {
    const { store } = this.options;
    while (!signal.aborted) {
      const page = await store.find<WebhookDeliveryDocument>(WEBHOOK_DELIVERIES.name, {
        where: { endpointId, status: 'pending' },
        sort: { field: 'sequence', direction: 'asc' },
        limit: 1,
      });
      const head = nextToSend(page.items.map((item) => ({ sequence: item.data.sequence, nextAttemptAt: item.data.nextAttemptAt, item })), this.now())?.item;
      if (!head) return;
      const endpoint = await store.get<WebhookEndpointDocument>(WEBHOOK_ENDPOINTS.name, endpointId);
      if (!endpoint) {
        // Its endpoint was deleted after the delivery was made.
        await store.delete(WEBHOOK_DELIVERIES.name, head.id);
        continue;
      }
      if (endpoint.data.status !== 'active') {
        await this.pause(endpointId);
        return;
      }
      if ((await this.attempt(head, endpoint.data, signal)) !== 'delivered') return;
    }
  }

  /** Holds back an inactive endpoint's pending deliveries (enabling it makes them pending again). */
  private async pause(endpointId: string): Promise<void> {
    const { store } = this.options;
    for (;;) {
      const page = await store.find<WebhookDeliveryDocument>(WEBHOOK_DELIVERIES.name, { where: { endpointId, status: 'pending' }, limit: PAGE });
      if (page.items.length === 0) return;
      for (const item of page.items) {
        await store.upsert(WEBHOOK_DELIVERIES.name, item.id, { ...item.data, status: 'paused' }, item.version).catch((error: unknown) => {
          if (!(error instanceof DocumentVersionConflictError)) throw error;
        });
      }
    }
  }

  private async post(endpoint: WebhookEndpointDocument, delivery: WebhookDeliveryDocument, signal: AbortSignal): Promise<AttemptResult> {
    let checked: CheckedUrl;
    try {
      checked = await checkWebhookUrl(endpoint.url, this.options.policy, this.resolve);
    } catch (error) {
      if (error instanceof UrlRefusedError) return { kind: 'error', error: `refused: ${error.reason}` };
      throw error;
    }
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(this.now() / 1000);
    return postWebhook({
      url: checked.url,
      address: checked.addresses[0]!,
      headers: webhookHeaders(endpoint.secret, delivery.eventId, timestamp, body, WEBHOOK_USER_AGENT),
      body,
      timeoutMs: this.options.timeoutMs,
      signal,
    });
  }

  private async attempt(head: StoredDocument<WebhookDeliveryDocument>, endpoint: WebhookEndpointDocument, signal: AbortSignal): Promise<'delivered' | 'pending' | 'failed' | 'skipped'> {
    const { context, retry } = this.options;
    const delivery = head.data;
    const attempts = delivery.attempts + 1;
    const startedAt = new Date(this.now()).toISOString();
    const result = await this.post(endpoint, delivery, signal);
    const now = this.now();
    const decision = decideAfterAttempt(result, { attempts, retryUntil: delivery.retryFrom + retry.retryForMs }, now, retry, this.random);
    const at = new Date(now).toISOString();
    const updated: WebhookDeliveryDocument = {
      ...delivery,
      attempts,
      lastAttemptAt: startedAt,
      lastResponseCode: result.kind === 'response' ? result.status : null,
      lastError: failureText(result),
      status: decision.status,
      nextAttemptAt: decision.status === 'pending' ? decision.nextAttemptAt : delivery.nextAttemptAt,
      deliveredAt: decision.status === 'delivered' ? at : delivery.deliveredAt,
      failedAt: decision.status === 'failed' ? at : null,
    };
    const logContext = {
      endpointId: endpoint.endpointId,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      deliveryId: delivery.deliveryId,
      attempts,
      responseCode: updated.lastResponseCode,
      ...(updated.lastError ? { error: updated.lastError } : {}),
    };
    try {
      await this.recordAttempt(head, updated, decision.status);
    } catch (error) {
      if (!(error instanceof DocumentVersionConflictError) || error.collection !== WEBHOOK_DELIVERIES.name) throw error;
      context.logger.warn(logContext, 'webhook delivery changed during its attempt (redelivered or deleted); its outcome is not recorded');
      return 'skipped';
    }
    if (decision.status === 'delivered') context.logger.info(logContext, 'webhook delivered');
    else if (decision.status === 'pending') context.logger.info({ ...logContext, retryInMs: decision.retryInMs }, 'webhook not delivered; will retry');
    else context.logger.info(logContext, 'webhook delivery failed for good after its retry window');
    return decision.status;
  }

  /** The delivery's outcome and, when it is final, the endpoint's count of failures in a row, in one unit (retried on a conflict on the endpoint). */
  private async recordAttempt(head: StoredDocument<WebhookDeliveryDocument>, updated: WebhookDeliveryDocument, status: WebhookDeliveryDocument['status']): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        await this.options.store.unitOfWork(async (uow) => {
          await uow.upsert(WEBHOOK_DELIVERIES.name, head.id, updated, head.version);
          if (status === 'delivered' || status === 'failed') await this.countOutcome(uow, updated, status);
        });
        return;
      } catch (error) {
        if (!(error instanceof DocumentVersionConflictError) || error.collection !== WEBHOOK_ENDPOINTS.name || tries >= 5) throw error;
      }
    }
  }

  private async countOutcome(uow: UnitOfWork, delivery: WebhookDeliveryDocument, outcome: 'delivered' | 'failed'): Promise<void> {
    const current = await uow.get<WebhookEndpointDocument>(WEBHOOK_ENDPOINTS.name, delivery.endpointId);
    if (!current) return;
    const next = afterOutcome(current.data.consecutiveFailures, outcome, this.options.retry);
    const disable = next.disable && current.data.status === 'active';
    if (next.consecutiveFailures === current.data.consecutiveFailures && !disable) return;
    const at = new Date(this.now()).toISOString();
    const endpoint: WebhookEndpointDocument = disable
      ? { ...current.data, consecutiveFailures: next.consecutiveFailures, status: 'disabled', disabledReason: `${next.consecutiveFailures} deliveries in a row failed`, updatedAt: at }
      : { ...current.data, consecutiveFailures: next.consecutiveFailures };
    await uow.upsert(WEBHOOK_ENDPOINTS.name, endpoint.endpointId, endpoint, current.version);
    if (disable) {
      this.options.context.logger.warn({ endpointId: endpoint.endpointId, failures: next.consecutiveFailures }, 'webhook endpoint disabled: its deliveries kept failing');
      await this.mailOwner(uow, endpoint, delivery, at);
    }
  }

  /** E-mails the owner that the endpoint was disabled: an organization's admins (else its notification address), a reseller's notification address. */
  private async mailOwner(uow: UnitOfWork, endpoint: WebhookEndpointDocument, delivery: WebhookDeliveryDocument, at: string): Promise<void> {
    const { context } = this.options;
    const directory = new Directory(uow);
    let recipients: Mailbox[] = [];
    let ownerName = endpoint.owner.tenantId;
    let resellerId: string | null;
    let organizationId: string | null = null;
    if (endpoint.owner.scope === 'organization') {
      organizationId = endpoint.owner.tenantId;
      const organization = await directory.organization(organizationId);
      resellerId = organization?.resellerId ?? null;
      ownerName = organization?.name ?? ownerName;
      recipients = (await directory.organizationAdmins(organizationId)).map((admin) => ({ name: admin.name, address: admin.email }));
      if (recipients.length === 0 && organization?.notificationEmail) recipients = [{ name: ownerName, address: organization.notificationEmail }];
    } else {
      resellerId = endpoint.owner.tenantId;
      const reseller = (await uow.get<ResellerEntry>(RESELLER_DIRECTORY.name, resellerId))?.data;
      ownerName = reseller?.name ?? ownerName;
      if (reseller?.notificationEmail) recipients = [{ name: ownerName, address: reseller.notificationEmail }];
    }
    if (recipients.length === 0) {
      context.logger.warn({ endpointId: endpoint.endpointId, owner: endpoint.owner }, 'webhook endpoint disabled, and nobody of its owner is known to mail about it');
      return;
    }
    const id = nameBasedId(`webhook-disabled:${endpoint.endpointId}:${at}`);
    const envelope: IntegrationEventEnvelope<unknown> = {
      id,
      type: 'notifications.webhook-disabled',
      occurredAt: at,
      correlationId: id,
      causationId: delivery.eventId,
      resellerId,
      organizationId,
      actorId: 'system',
      data: { endpointId: endpoint.endpointId },
    };
    const mail = webhookDisabledMail({
      ownerName,
      endpointId: endpoint.endpointId,
      target: mailedTarget(endpoint.url),
      description: endpoint.description,
      failures: endpoint.consecutiveFailures,
      lastError: delivery.lastError,
      disabledAt: at,
    });
    for (const to of recipients) await enqueueNotification(uow, context, { kind: 'webhook_disabled', envelope, to, mail });
  }
}
