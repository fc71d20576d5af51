import { ApprovalPolicyRpc, OrganizationRpc, type ActorDto, type AnyRpcContract } from '@broker/contracts';
import { RpcCallError, type RpcClient } from '@broker/messaging';
import type { PinoLogger } from 'nestjs-pino';
import { OrganizationSettingsClient, SettingsVersionMismatchError } from './organization-settings.client';

const actor: ActorDto = { userId: 'u-1', role: 'reseller_admin', resellerId: 'r-1', organizationId: null };
const organizationId = 'o-1';
const own = { organizationId, notificationEmail: 'it@contoso.com', billingStartDate: '2026-01-01', version: '4' };
const policy = { organizationId, approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '500.00' }, version: '2' };
const body = { notificationEmail: 'new@contoso.com', approvalRequired: true, dynamicApproval: { enabled: false }, billingStartDate: '2026-01-01' };
const mismatch = (pattern: string) => new RpcCallError('X.VERSION_MISMATCH', 'changed', 412, pattern);

/** The settings client over scripted answers of the two services, recording every request. */
function clientAnswering(answers: Record<string, ((payload: any) => unknown)[]>) {
  const requests: { pattern: string; payload: any }[] = [];
  const rpc = {
    call: async ({ subject: pattern }: AnyRpcContract, payload: any) => {
      requests.push({ pattern, payload });
      const answer = answers[pattern]?.shift();
      if (!answer) throw new Error(`No answer scripted for ${pattern}`);
      return answer(payload);
    },
  } as unknown as RpcClient;
  const logger = { setContext: () => undefined, warn: () => undefined } as unknown as PinoLogger;
  return { client: new OrganizationSettingsClient(rpc, logger), requests };
}

const reads = () => ({ [OrganizationRpc.getSettings.subject]: [() => own], [ApprovalPolicyRpc.get.subject]: [() => policy] });

describe('organization settings client', () => {
  it('answers one version of both parts', async () => {
    const { client } = clientAnswering(reads());
    expect(await client.get(actor, organizationId)).toMatchObject({ notificationEmail: own.notificationEmail, approvalRequired: false, version: '4.2' });
  });

  it('writes nothing when the settings are not at a version given', async () => {
    const { client, requests } = clientAnswering(reads());
    await expect(client.set(actor, organizationId, body, ['4.1', '3.2'])).rejects.toBeInstanceOf(SettingsVersionMismatchError);
    expect(requests.map((r) => r.pattern).sort()).toEqual([ApprovalPolicyRpc.get.subject, OrganizationRpc.getSettings.subject].sort());
  });

  it('writes each part only at the version it was read at, and answers the new version', async () => {
    const { client, requests } = clientAnswering({
      ...reads(),
      [ApprovalPolicyRpc.set.subject]: [(p) => ({ ...policy, approvalRequired: p.approvalRequired, version: '3' })],
      [OrganizationRpc.setSettings.subject]: [(p) => ({ ...own, notificationEmail: p.notificationEmail, version: '5' })],
    });
    expect(await client.set(actor, organizationId, body, ['4.2'])).toMatchObject({ notificationEmail: 'new@contoso.com', approvalRequired: true, version: '5.3' });
    expect(requests.filter((r) => r.pattern === ApprovalPolicyRpc.set.subject || r.pattern === OrganizationRpc.setSettings.subject).map((r) => [r.pattern, r.payload.expectedVersions])).toEqual([
      [ApprovalPolicyRpc.set.subject, ['2']],
      [OrganizationRpc.setSettings.subject, ['4']],
    ]);
  });

  it('sets the policy back, at the version it wrote, when the rest changed meanwhile, and answers 412', async () => {
    const { client, requests } = clientAnswering({
      ...reads(),
      [ApprovalPolicyRpc.set.subject]: [() => ({ ...policy, approvalRequired: true, version: '3' }), () => ({ ...policy, version: '4' })],
      [OrganizationRpc.setSettings.subject]: [() => Promise.reject(mismatch(OrganizationRpc.setSettings.subject))],
    });
    await expect(client.set(actor, organizationId, body, ['4.2'])).rejects.toBeInstanceOf(SettingsVersionMismatchError);
    const restore = requests.filter((r) => r.pattern === ApprovalPolicyRpc.set.subject)[1]!;
    expect(restore.payload).toMatchObject({ approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '500.00' }, expectedVersions: ['3'] });
  });

  it('sets nothing back when its own policy write changed nothing', async () => {
    const { client, requests } = clientAnswering({
      ...reads(),
      [ApprovalPolicyRpc.set.subject]: [() => policy],
      [OrganizationRpc.setSettings.subject]: [() => Promise.reject(mismatch(OrganizationRpc.setSettings.subject))],
    });
    await expect(client.set(actor, organizationId, { ...body, approvalRequired: false }, ['4.2'])).rejects.toBeInstanceOf(SettingsVersionMismatchError);
    expect(requests.filter((r) => r.pattern === ApprovalPolicyRpc.set.subject)).toHaveLength(1);
  });

  it("answers the policy part's mismatch as the settings' own", async () => {
    const { client } = clientAnswering({ ...reads(), [ApprovalPolicyRpc.set.subject]: [() => Promise.reject(mismatch(ApprovalPolicyRpc.set.subject))] });
    await expect(client.set(actor, organizationId, body, ['4.2'])).rejects.toMatchObject({ code: 'ORGANIZATION_SETTINGS.VERSION_MISMATCH', status: 412 });
  });

  it('checks no version without If-Match', async () => {
    const { client, requests } = clientAnswering({
      [ApprovalPolicyRpc.set.subject]: [() => policy],
      [OrganizationRpc.setSettings.subject]: [() => own],
    });
    expect((await client.set(actor, organizationId, body)).version).toBe('4.2');
    expect(requests.map((r) => [r.pattern, r.payload.expectedVersions])).toEqual([
      [ApprovalPolicyRpc.set.subject, undefined],
      [OrganizationRpc.setSettings.subject, undefined],
    ]);
  });
});
