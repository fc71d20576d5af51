import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import {
  ApprovalPolicyRpc,
  OrganizationRpc,
  type ActorDto,
  type ApprovalPolicyView,
  type OrganizationOwnSettings,
  type SetApprovalPolicyRequest,
} from '@broker/contracts';
import { RpcCallError, RpcClient } from '@broker/messaging';
import type { OrganizationSettingsBody } from './organization-settings.body';
import type { OrganizationSettingsResponse } from './organization.responses';

export function composeSettings(own: Pick<OrganizationOwnSettings, 'notificationEmail' | 'billingStartDate'>, policy: Pick<ApprovalPolicyView, 'approvalRequired' | 'dynamicApproval'>): OrganizationSettingsResponse {
  return {
    notificationEmail: own.notificationEmail,
    approvalRequired: policy.approvalRequired,
    dynamicApproval: { enabled: policy.dynamicApproval.enabled, annualLimit: policy.dynamicApproval.annualLimit },
    billingStartDate: own.billingStartDate,
  };
}

/** The settings' version: both parts' versions, so it changes when either part changes and only then. */
export function settingsVersion(own: Pick<OrganizationOwnSettings, 'version'>, policy: Pick<ApprovalPolicyView, 'version'>): string {
  return `${own.version}.${policy.version}`;
}

export const SETTINGS_VERSION_MISMATCH = 'ORGANIZATION_SETTINGS.VERSION_MISMATCH';

/** The settings changed since the version given in If-Match: 412 (the ProblemDetailsFilter keeps `status`). */
export class SettingsVersionMismatchError extends Error {
  readonly code = SETTINGS_VERSION_MISMATCH;
  readonly status = 412;

  constructor() {
    super("The organization's settings changed since the version given in If-Match: read them again and repeat the change on what you read");
    this.name = 'SettingsVersionMismatchError';
  }
}

export type VersionedSettings = OrganizationSettingsResponse & { version: string };

/**
 * An organization's settings live with the services that enforce them: the approval policy in approvals, the
 * notification e-mail and billing start date in organizations. This composes them into one resource.
 */
@Injectable()
export class OrganizationSettingsClient {
  constructor(
    private readonly rpc: RpcClient,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('OrganizationSettings');
  }

  async get(actor: ActorDto, organizationId: string): Promise<VersionedSettings> {
    const { own, policy } = await this.parts(actor, organizationId);
    return { ...composeSettings(own, policy), version: settingsVersion(own, policy) };
  }

  /**
   * Both parts are "set to" commands that record nothing when already so: should the second fail after the first
   * succeeded, repeating the request finishes the job and changes nothing twice.
   *
   * Under If-Match (`expectedVersions`) both parts' versions are checked before anything is written, then each
   * part is written only while it is still at the version checked, in the same step as its append, so no part is
   * ever written over a change made since. The parts live in two services, so there is no single step for both:
   * should the e-mail or date have changed between the check and their write while the policy was already written,
   * the policy is set back (only while nobody changed it since) and the answer is 412. Of two requests racing at the
   * same version, one changing only the policy and the other only the e-mail or date, both may succeed: each writes
   * only its own part, and neither overwrites the other.
   */
  async set(actor: ActorDto, organizationId: string, body: OrganizationSettingsBody, expectedVersions?: readonly string[]): Promise<VersionedSettings> {
    let current: { own: OrganizationOwnSettings; policy: ApprovalPolicyView } | undefined;
    if (expectedVersions !== undefined) {
      current = await this.parts(actor, organizationId);
      if (!expectedVersions.includes(settingsVersion(current.own, current.policy))) throw new SettingsVersionMismatchError();
    }
    const { enabled, annualLimit } = body.dynamicApproval;
    const policy = await this.asSettings(
      this.setPolicy(actor, organizationId, { approvalRequired: body.approvalRequired, dynamicApproval: annualLimit === undefined ? { enabled } : { enabled, annualLimit } }, current?.policy.version),
    );
    try {
      const own = await this.asSettings(
        this.rpc.call(OrganizationRpc.setSettings, {
          actor,
          organizationId,
          notificationEmail: body.notificationEmail,
          billingStartDate: body.billingStartDate,
          expectedVersions: current ? [current.own.version] : undefined,
        }),
      );
      return { ...composeSettings(own, policy), version: settingsVersion(own, policy) };
    } catch (error) {
      if (error instanceof SettingsVersionMismatchError && current && policy.version !== current.policy.version) await this.restorePolicy(actor, organizationId, current.policy, policy.version);
      throw error;
    }
  }

  private setPolicy(actor: ActorDto, organizationId: string, policy: Pick<SetApprovalPolicyRequest, 'approvalRequired' | 'dynamicApproval'>, expectedVersion?: string): Promise<ApprovalPolicyView> {
    return this.rpc.call(ApprovalPolicyRpc.set, {
      actor,
      organizationId,
      ...policy,
      expectedVersions: expectedVersion === undefined ? undefined : [expectedVersion],
    });
  }

  /** Sets the policy back to what it was, unless someone changed it after this request did. */
  private async restorePolicy(actor: ActorDto, organizationId: string, previous: ApprovalPolicyView, written: string): Promise<void> {
    const { approvalRequired, dynamicApproval } = previous;
    try {
      await this.setPolicy(actor, organizationId, { approvalRequired, dynamicApproval: { ...dynamicApproval } }, written);
    } catch (error) {
      this.logger.warn({ err: error, organizationId }, 'Could not set the approval policy back after the rest of the settings changed meanwhile');
    }
  }

  private async parts(actor: ActorDto, organizationId: string): Promise<{ own: OrganizationOwnSettings; policy: ApprovalPolicyView }> {
    const [own, policy] = await Promise.all([
      this.rpc.call(OrganizationRpc.getSettings, { actor, organizationId }),
      this.rpc.call(ApprovalPolicyRpc.get, { actor, organizationId }),
    ]);
    return { own, policy };
  }

  /** Either part's version mismatch is the settings' own (one code for the one resource). */
  private async asSettings<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof RpcCallError && error.status === 412) throw new SettingsVersionMismatchError();
      throw error;
    }
  }
}
