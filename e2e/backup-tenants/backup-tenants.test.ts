// Backup-only municipalities (issue 12, item 5) through the gateway: the demo's backup client of Dlouhá Lhota signs
// in with its secret, uploads a backup set over POST /backup-sets (streamed to archives, hashed, within the quota),
// lists it, downloads it byte for byte and deletes it. Malá Lhota's client, Blansko's admin and the platform admin
// cannot reach it; a backup-only municipality gets no users; past the quota the upload is 413 QUOTA_EXCEEDED with
// nothing left on disk.
import { DEMO_BACKUP_CLIENTS, DEMO_BACKUP_SECRET, DEMO_MUNICIPALITIES, testDatabaseKinds } from '@hub/kit';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type Hub } from '../harness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const byAbbr = (a: string) => DEMO_MUNICIPALITIES.find((m) => m.abbreviation === a)!;
const DLH = byAbbr('OUDLH');
const client = (m: { id: string }) => DEMO_BACKUP_CLIENTS.find((c) => c.municipalityId === m.id)!;
const LOGIN_CLIENT =
  'mutation($clientId: ID!, $secret: String!) { loginApiClient(clientId: $clientId, secret: $secret) { token } }';
const LIST = '{ backupSets { id name size sha256 } }';
const QUOTA = 300_000;

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? (e as any).path, e.name));
  } catch {
    return [];
  }
}

describe.each(testDatabaseKinds())('backup-only municipalities through the gateway on %s', (kind) => {
  let hub: Hub;
  let origin: string;
  let dir: string;
  const tokens: Record<string, string> = {};
  const saved = { dir: process.env.HUB_BACKUP_SET_DIR, quota: process.env.HUB_BACKUP_SET_QUOTA_BYTES };

  const upload = (token: string | null, body: Buffer, name: string) =>
    fetch(`${origin}/backup-sets?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const download = (token: string | null, id: string) =>
    fetch(`${origin}/downloads/backup-set?id=${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-backup-sets-e2e-'));
    process.env.HUB_BACKUP_SET_DIR = dir;
    process.env.HUB_BACKUP_SET_QUOTA_BYTES = String(QUOTA);
    hub = await startHub(kind);
    origin = hub.url.replace(/\/graphql$/, '');
    for (const abbr of ['OUDLH', 'OUMLH']) {
      const res = await hub.gql(null, LOGIN_CLIENT, { clientId: client(byAbbr(abbr)).id, secret: DEMO_BACKUP_SECRET });
      if (!res.data?.loginApiClient) throw new Error(JSON.stringify(res.errors));
      tokens[abbr] = res.data.loginApiClient.token;
    }
    for (const login of ['platform.admin', 'mbk.admin']) tokens[login] = await hub.login(login);
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of [
      ['HUB_BACKUP_SET_DIR', saved.dir],
      ['HUB_BACKUP_SET_QUOTA_BYTES', saved.quota],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('marks the three demo municipalities backup-only and refuses users for them', async () => {
    const res = await hub.gql(tokens['platform.admin'], '{ municipalities { abbreviation backupOnly } }');
    expect(res.errors).toBeUndefined();
    expect(
      res.data.municipalities
        .filter((m: { backupOnly: boolean }) => m.backupOnly)
        .map((m: { abbreviation: string }) => m.abbreviation)
        .sort(),
    ).toEqual(['OUDLH', 'OUHOL', 'OUMLH']);
    const user = {
      login: 'oudlh.starosta',
      name: 'Starosta',
      password: 'Dlouha-Lhota-2026!x',
      roles: ['TENANT_ADMIN'],
      municipalityId: DLH.id,
    };
    const refused = await hub.gql(
      tokens['platform.admin'],
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: user },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('BACKUP_ONLY_MUNICIPALITY');
  });

  it('uploads, lists, downloads byte for byte and deletes a set; nobody else reaches it', async () => {
    const bytes = randomBytes(200_000);
    const up = await upload(tokens.OUDLH, bytes, 'spisovka-2026-12-06.tar.zst');
    expect(up.status).toBe(201);
    const set = await up.json();
    expect(set).toEqual({
      id: expect.any(String),
      name: 'spisovka-2026-12-06.tar.zst',
      sha256: sha(bytes),
      size: bytes.length,
    });

    const listed = await hub.gql(tokens.OUDLH, LIST);
    expect(listed.data.backupSets).toEqual([{ id: set.id, name: set.name, size: bytes.length, sha256: sha(bytes) }]);

    const down = await download(tokens.OUDLH, set.id);
    expect(down.status).toBe(200);
    expect(down.headers.get('x-content-sha256')).toBe(sha(bytes));
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);

    // Another backup-only municipality: its list is empty, the set is not found.
    expect((await hub.gql(tokens.OUMLH, LIST)).data.backupSets).toEqual([]);
    const other = await download(tokens.OUMLH, set.id);
    expect(other.status).toBe(404);
    await other.arrayBuffer();
    // The platform admin and another municipality's admin: refused outright, on every route.
    for (const who of ['platform.admin', 'mbk.admin']) {
      expect((await hub.gql(tokens[who], LIST)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const d = await download(tokens[who], set.id);
      expect(d.status).toBe(403);
      await d.arrayBuffer();
      const u = await upload(tokens[who], Buffer.from('x'), 'intruder');
      expect(u.status).toBe(403);
      await u.arrayBuffer();
      expect(
        (await hub.gql(tokens[who], 'mutation($id: ID!) { deleteBackupSet(id: $id) { id } }', { id: set.id }))
          .errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
    }
    const anonymous = await download(null, set.id);
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();

    // Past the quota (200 000 of 300 000 used): 413 QUOTA_EXCEEDED, nothing stored or left behind.
    const over = await upload(tokens.OUDLH, randomBytes(150_000), 'too-much');
    expect(over.status).toBe(413);
    expect((await over.json()).errors[0].extensions).toEqual({ code: 'QUOTA_EXCEEDED', limit: QUOTA });
    expect(filesIn(dir)).toEqual([join(dir, DLH.id, set.id)]);

    const deleted = await hub.gql(tokens.OUDLH, 'mutation($id: ID!) { deleteBackupSet(id: $id) { id } }', {
      id: set.id,
    });
    expect(deleted.errors).toBeUndefined();
    const gone = await download(tokens.OUDLH, set.id);
    expect(gone.status).toBe(404);
    await gone.arrayBuffer();
    expect(filesIn(dir)).toEqual([]);
    const retention = await hub.gql(tokens.OUDLH, '{ backupSetRetention { usedBytes quotaBytes } }');
    expect(retention.data.backupSetRetention).toEqual({ usedBytes: 0, quotaBytes: QUOTA });
  });
});
