import { freeLoopbackPort } from '@broker/platform/testing';
import { TEST_DATABASE_URL } from '@broker/postgres/testing';
import { NpmStartPlatform } from '../support/npm-start-platform';
import { SmtpReceiver } from '../support/smtp-receiver';
import { PortalBrowser } from './portal-browser';

/**
 * What every browser test of the portal shares: the platform as `npm start` runs it, the SMTP receiver its e-mail
 * goes to, and one Chromium. Starting them once serves every scenario; each scenario makes a reseller and
 * organizations of its own, so none sees another's data.
 */
export class PortalWorld {
  readonly mail = new SmtpReceiver();
  readonly platform = new NpmStartPlatform({
    smtpUrl: () => this.mail.url,
    databaseUrl: TEST_DATABASE_URL,
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    port: freeLoopbackPort,
    // The webhooks scenarios register an endpoint on a receiver of their own on the loopback, over http.
    env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8' },
  });
  readonly browser = new PortalBrowser();

  /** The portal's origin on the API's address (the printed "Open:" address is the walkthrough's). */
  origin(): string {
    return this.platform.baseUrl.replace(/\/api\/v1$/, '');
  }

  async start(): Promise<void> {
    await this.mail.start();
    await this.platform.start();
    await this.browser.launch();
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.platform.stop();
    await this.mail.stop();
  }
}
