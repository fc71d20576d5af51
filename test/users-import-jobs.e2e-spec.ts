import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createOrganizationUser, createReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(300_000);

/**
 * The user import as a job through the HTTP API, every service its own process: 202 with the job's address, progress
 * that rises while the rows are imported, the rows created and refused with their reasons, a job that finishes
 * after identity and the gateway were killed part-way and creates nobody twice, and who may start and read jobs.
 */
const ROW_PASSWORD = 'Lake-Vista-84!q';

interface JobView {
  id: string;
  format: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  error?: string;
  startedAt: string;
  finishedAt?: string;
  created: { row: number; id: string; username: string }[];
  failed: { row: number; errors: { field: string; message: string }[] }[];
}

/**
 * `count` data rows (spreadsheet rows 2..count+1) in our template, usernames `<prefix>NNNN@domain`; a password on
 * every `passwordEvery`-th row (hashing is slow on purpose, so the job takes a while). Bad rows: every 100th row has
 * a username outside the organization's domains, and row 52 repeats the username of row 51.
 */
function templateFile(domain: string, prefix: string, count: number, passwordEvery: number): { csv: string; bad: number[] } {
  const lines = ['username,firstName,lastName,email,role,password'];
  const bad: number[] = [];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(4, '0');
    let username = `${prefix}${n}@${domain}`;
    if (i % 100 === 0) username = `${prefix}${n}@elsewhere.example`;
    if (i === 51) username = `${prefix}0050b@${domain}`;
    if (i === 52) username = `${prefix}0050b@${domain}`;
    if (i % 100 === 0 || i === 52) bad.push(i + 1);
    lines.push(`${username},Member${n},Jobson,${username},,${i % passwordEvery === 0 ? ROW_PASSWORD : ''}`);
  }
  return { csv: `${lines.join('\r\n')}\r\n`, bad };
}

describe('users import jobs (end to end)', () => {
  const platform = new PlatformProcess();
  let anonymous: ApiClient;
  let resellerAdmin: ApiClient;
  let otherResellerAdmin: ApiClient;
  let orgAdmin: ApiClient;
  let orgViewer: ApiClient;
  let orgId: string;
  let domain: string;

  const jobsPath = () => `/organizations/${orgId}/user-import-jobs`;
  const startJob = (client: ApiClient, csv: string, path = jobsPath()): Promise<ApiResponse<JobView>> =>
    client.request<JobView>('POST', path, undefined, { 'content-type': 'text/csv; charset=utf-8' }, csv);

  /** Reads the job until it is no longer running, recording every `processed` seen on the way. */
  const followJob = async (client: ApiClient, jobId: string, seen: number[] = []): Promise<JobView> =>
    eventually(
      async () => {
        const response = await client.get<JobView>(`${jobsPath()}/${jobId}`);
        if (response.status !== 200) return undefined; // a service restarting answers 503 for a moment
        seen.push(response.body.processed);
        if (response.body.status === 'running') {
          await new Promise((r) => setTimeout(r, 100));
          return undefined;
        }
        return response.body;
      },
      240_000,
      `import job ${jobId} to end`,
    );

  beforeAll(async () => {
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    const platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    resellerAdmin = await createReseller(platformAdmin, anonymous);
    otherResellerAdmin = await createReseller(platformAdmin, anonymous);
    domain = `jobs${tag()}.example`;
    orgId = (await createOrganization(resellerAdmin, domain)).id;
    orgAdmin = (await createOrganizationUser(resellerAdmin, anonymous, orgId, domain, 'org_admin')).client;
    orgViewer = (await createOrganizationUser(resellerAdmin, anonymous, orgId, domain, 'org_viewer')).client;
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('answers 202 with the job, whose progress rises until every row is created or listed with its reasons', async () => {
    const { csv, bad } = templateFile(domain, 'member', 400, 10);
    const started = await startJob(orgAdmin, csv);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), status: 'running', format: 'template', total: 400, processed: 0 });
    expect(started.headers.get('location')).toBe(`/api/v1${jobsPath()}/${started.body.id}`);

    const seen: number[] = [];
    const job = await followJob(orgAdmin, started.body.id, seen);
    expect(job).toMatchObject({ id: started.body.id, status: 'done', total: 400, processed: 400, finishedAt: expect.any(String) });
    // Progress rises part by part: seen below the total while running, never going back.
    expect(seen.some((p) => p > 0 && p < 400)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    expect(job.failed.map((f) => f.row)).toEqual(bad);
    const reasons = new Map(job.failed.map((f) => [f.row, f.errors.map((e) => `${e.field}: ${e.message}`).join(' | ')]));
    expect(reasons.get(101)).toContain("organization's domains");
    expect(reasons.get(53)).toContain('row 52');
    expect(job.created).toHaveLength(400 - bad.length);
    expect(job.created[0]).toMatchObject({ row: 2, username: `member0001@${domain}` });
    expect(new Set(job.created.map((c) => c.id)).size).toBe(job.created.length);

    // The users exist: one read back through the API, and one imported with a password logs in.
    const one = await resellerAdmin.get(`/organizations/${orgId}/users/${job.created[0]!.id}`);
    expect([one.status, one.body.username]).toEqual([200, `member0001@${domain}`]);
    await anonymous.login(`member0010@${domain}`, ROW_PASSWORD);

    // The same file again, as a new job: nobody is created twice, every good row is reported as an existing user.
    const again = await startJob(resellerAdmin, csv);
    expect(again.status).toBe(202);
    const repeated = await followJob(resellerAdmin, again.body.id);
    expect(repeated.created).toEqual([]);
    expect(repeated.failed).toHaveLength(400);
    expect(repeated.failed.find((f) => f.row === 2)?.errors).toEqual([{ field: 'username', message: 'a user with this username already exists' }]);
  });

  it('reads a Microsoft 365 export too, and fails a file that cannot be read as a whole at once (400, no job)', async () => {
    const upn = `adelev@${domain}`;
    const csv = `\uFEFFDisplay name,First name,Last name,User principal name,Proxy addresses\r\nAdele Vance,Adele,Vance,${upn.toUpperCase()},SMTP:adele.vance@${domain}\r\n`;
    const started = await startJob(orgAdmin, csv);
    expect([started.status, started.body.format, started.body.total]).toEqual([202, 'microsoft365', 1]);
    const job = await followJob(orgAdmin, started.body.id);
    expect(job.created).toEqual([{ row: 2, id: expect.any(String), username: upn }]);

    const unreadable = await startJob(orgAdmin, 'name,mail\r\nAdele,adele@x.example\r\n');
    expect(unreadable.status).toBe(400);
  });

  it('keeps a job to others of its tenant: another reseller gets 404, an org_viewer 403, an unknown job 404', async () => {
    const { csv } = templateFile(domain, 'guard', 3, 1000);
    const started = await startJob(orgAdmin, csv);
    expect(started.status).toBe(202);
    const jobPath = `${jobsPath()}/${started.body.id}`;

    expect((await otherResellerAdmin.get(jobPath)).status).toBe(404);
    expect((await startJob(otherResellerAdmin, csv)).status).toBe(404);
    expect((await orgViewer.get(jobPath)).status).toBe(403);
    expect((await startJob(orgViewer, csv)).status).toBe(403);
    expect((await orgAdmin.get(`${jobsPath()}/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)).status).toBe(404);

    // Its reseller's admin reads it, and it ends with the rows created (the refused starts staged nothing of theirs).
    const job = await followJob(resellerAdmin, started.body.id);
    expect(job.created.map((c) => c.username)).toEqual([1, 2, 3].map((i) => `guard000${i}@${domain}`));
  });

  it('runs to the end after identity and the gateway were killed part-way, creating nobody twice', async () => {
    const { csv, bad } = templateFile(domain, 'crash', 600, 4);
    const started = await startJob(orgAdmin, csv);
    expect(started.status).toBe(202);
    const jobPath = `${jobsPath()}/${started.body.id}`;

    // Once the first part is recorded, both go down at once, as in a crash: the second part is under way.
    await eventually(async () => {
      const response = await orgAdmin.get<JobView>(jobPath);
      return response.body.processed >= 250 ? true : undefined;
    }, 120_000, 'the first part of the job');
    await Promise.all([platform.kill('identity'), platform.kill('gateway')]);
    platform.startService('identity');
    platform.startService('gateway');
    await platform.waitUntilHealthy(120_000);

    const job = await followJob(orgAdmin, started.body.id);
    expect([job.status, job.processed, job.total]).toEqual(['done', 600, 600]);
    // A row under way at the crash is imported again by the resumed job and reported as created, not as taken.
    expect(job.failed.filter((f) => !bad.includes(f.row))).toEqual([]);
    expect(job.failed.map((f) => f.row)).toEqual(bad);
    expect(job.created).toHaveLength(600 - bad.length);
    expect(new Set(job.created.map((c) => c.username)).size).toBe(600 - bad.length);
  });
});
