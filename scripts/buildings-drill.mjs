#!/usr/bin/env node
// `npm run buildings:drill [-- --documents N --concurrency C --kill-after K --keep --json]`: the failover drill of
// the two buildings (README, "Two buildings"). Measured here, not in a timed test.
//
//  1. starts a fresh two-building topology (its own directory and ports: HUB_BUILDINGS_DIR, default
//     .buildings/drill; MariaDB 3326/3327, gateway 4110 unless HUB_BUILDING_A_PORT / _B_PORT / HUB_GATEWAY_PORT say
//     otherwise), so an operator's `npm run buildings` topology is not touched;
//  2. registers documents with a file each (upload, registerDocument, attachComponent) from C parallel clients;
//     a registration is ACKNOWLEDGED when all three answered OK;
//  3. SIGKILLs building A (database and hub) once K registrations were acknowledged, the others still in flight;
//  4. fails over to B and measures kill → serving (gateway /ready 200 and a query answered);
//  5. checks on B: every acknowledged document is there with its file (bytes and SHA-256), the numbering of every
//     register is gapless, the transaction log's chains verify (`audit:verify`) and every blob matches its hash and
//     every component has its blob (`blobs:verify`);
//  6. rebuilds A as B's replica, fails back to A and measures the switch; checks A has everything again.
// Exit status 0 when every check passed.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { failover, kill, rebuild, start, status, stop, switchTo, topology } from './buildings.mjs';
import { ROOT } from './start.mjs';

const args = process.argv.slice(2);
const opt = (name, d) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const flag = (name) => args.includes(`--${name}`);
const DOCUMENTS = opt('documents', 60);
const CONCURRENCY = opt('concurrency', 4);
const KILL_AFTER = opt('kill-after', Math.floor(DOCUMENTS / 2));
const JSON_OUT = flag('json');
const say = (m) => (JSON_OUT ? console.error(m) : console.log(m));

const env = {
  ...process.env,
  HUB_BUILDINGS_DIR: process.env.HUB_BUILDINGS_DIR || '.buildings/drill',
  HUB_BUILDING_A_PORT: process.env.HUB_BUILDING_A_PORT || '3326',
  HUB_BUILDING_B_PORT: process.env.HUB_BUILDING_B_PORT || '3327',
  HUB_GATEWAY_PORT: process.env.HUB_GATEWAY_PORT || '4110',
};
const t = topology(env);
const origin = `http://127.0.0.1:${t.gatewayPort}`;
const sha = (b) => createHash('sha256').update(b).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function gql(token, query, variables) {
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`${body.errors[0].extensions?.code ?? ''} ${body.errors[0].message}`);
  return body.data;
}

async function login(name = 'mbk.clerk') {
  const d = await gql(null, 'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }', {
    l: name,
    p: process.env.HUB_DEMO_PASSWORD ?? 'blansko-demo',
  });
  return d.login.token;
}

const REGISTER =
  'mutation($input: RegisterDocumentInput!) { registerDocument(input: $input) { document { id referenceNumber sequenceNumber year } } }';
const ATTACH =
  'mutation($d: ID!, $u: ID!) { attachComponent(documentId: $d, uploadId: $u, form: ORIGINAL) { document { id } } }';

/** One registration with a file; resolves to what was acknowledged, rejects on any failure. */
async function registerOne(token, i) {
  const bytes = Buffer.concat([Buffer.from(`%PDF-1.7\nDrill document ${i}\n`), randomBytes(16 * 1024)]);
  const up = await fetch(`${origin}/uploads?fileName=${encodeURIComponent(`drill-${i}.pdf`)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body: bytes,
    signal: AbortSignal.timeout(30_000),
  });
  if (up.status !== 201) throw new Error(`upload: HTTP ${up.status}`);
  const { uploadId, sha256 } = await up.json();
  const reg = await gql(token, REGISTER, {
    input: {
      subject: `Drill ${i}`,
      origin: 'RECEIVED',
      deliveredAt: new Date().toISOString(),
      sender: { name: 'Jan Novák', address: 'Komenského 1, 678 01 Blansko' },
    },
  });
  const doc = reg.registerDocument.document;
  await gql(token, ATTACH, { d: doc.id, u: uploadId });
  if (sha256 !== sha(bytes)) throw new Error('upload answered a wrong hash');
  return { i, id: doc.id, referenceNumber: doc.referenceNumber, sequenceNumber: doc.sequenceNumber, sha256 };
}

async function untilServing(token, ms = 120_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${origin}/ready`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) {
        await gql(token ?? (await login()), '{ registers { id } }');
        return;
      }
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error('not serving');
    await sleep(100);
  }
}

function cli(building, script) {
  const b = t.buildings[building];
  const r = spawnSync(process.execPath, [join(ROOT, 'subgraphs', 'filing', 'dist', 'cli', script)], {
    env: {
      ...process.env,
      HUB_DATABASE_URL: `mysql://hub:${process.env.HUB_MARIADB_PASSWORD || 'hub'}@127.0.0.1:${b.port}/hub`,
      HUB_DATA_DIR: join(b.root, 'data'),
      HUB_BLOB_DIR: join(b.root, 'blobs'),
      HUB_BLOB_MIRROR_DIR: '',
      HUB_LOG_LEVEL: 'warn',
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { ok: r.status === 0, output: (r.stdout + r.stderr).trim().split('\n').slice(-3).join(' | ') };
}

/** Acknowledged documents present in `building`'s database, and each register's numbering gapless. */
async function checkDatabase(building, acked) {
  const conn = await mysql.createConnection({
    host: '127.0.0.1',
    port: t.buildings[building].port,
    user: 'root',
    database: 'hub_filing',
  });
  try {
    const ids = acked.map((a) => a.id);
    const [present] = ids.length ? await conn.query('SELECT id FROM document WHERE id IN (?)', [ids]) : [[]];
    const [series] = await conn.query(
      'SELECT register_id AS r, year AS y, COUNT(*) AS n, MIN(sequence_number) AS lo, MAX(sequence_number) AS hi FROM document WHERE sequence_number IS NOT NULL GROUP BY register_id, year',
    );
    const gaps = series.filter((s) => Number(s.lo) !== 1 || Number(s.hi) !== Number(s.n));
    const [[{ total }]] = await conn.query("SELECT COUNT(*) AS total FROM document WHERE subject LIKE 'Drill %'");
    return {
      acknowledged: acked.length,
      present: present.length,
      drillDocuments: Number(total),
      gapless: gaps.length === 0,
      registers: series.length,
    };
  } finally {
    await conn.end();
  }
}

async function main() {
  const figures = {};
  say(
    `[drill] fresh topology in ${t.dir} (MariaDB ${t.buildings.A.port}/${t.buildings.B.port}, gateway ${t.gatewayPort})`,
  );
  await start(t, { fresh: true });
  let failed;
  try {
    const s = await status(t);
    figures.topology = {
      building: s.gateway.body.building,
      semiSyncPrimary: s.buildings.A.semiSync?.Rpl_semi_sync_master_status,
      semiSyncReplica: s.buildings.B.semiSync?.Rpl_semi_sync_slave_status,
      gtidStrict: s.buildings.A.gtidStrict && s.buildings.B.gtidStrict,
      replicaReadOnly: s.buildings.B.readOnly,
      replicating: s.buildings.B.replicating?.io === 'Yes' && s.buildings.B.replicating?.sql === 'Yes',
    };
    const token = await login();
    const acked = [];
    const errors = [];
    let next = 0;
    let killing;
    let killedAt = 0;
    const worker = async () => {
      while (next < DOCUMENTS && !killedAt) {
        const i = next++;
        try {
          acked.push(await registerOne(token, i));
        } catch (e) {
          errors.push(e.message);
          if (killedAt) return;
        }
        if (acked.length >= KILL_AFTER && !killing) {
          killedAt = Date.now();
          say(
            `[drill] ${acked.length} registrations acknowledged: SIGKILL to building A with ${CONCURRENCY - 1} still in flight`,
          );
          killing = kill(t, 'A');
        }
      }
    };
    const loadStarted = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await killing;
    figures.loadSeconds = (Date.now() - loadStarted) / 1000;
    figures.acknowledgedBeforeKill = acked.length;
    figures.failedInFlight = errors.length;

    const fo = await failover(t);
    await untilServing(null);
    figures.killToServingMs = Date.now() - killedAt;
    figures.promoteAndStartMs = fo.promotedAndServingMs;
    say(`[drill] B serves ${figures.killToServingMs} ms after the kill`);

    // Every acknowledged registration, with its file, in B.
    const tokenB = await login();
    let filesOk = 0;
    for (const a of acked) {
      const d = await gql(
        tokenB,
        'query($id: ID!) { document(id: $id) { referenceNumber components { sha256 downloadPath } } }',
        { id: a.id },
      );
      const c = d.document?.components?.[0];
      if (!c || c.sha256 !== a.sha256 || d.document.referenceNumber !== a.referenceNumber) continue;
      const res = await fetch(`${origin}${c.downloadPath}`, { headers: { authorization: `Bearer ${tokenB}` } });
      if (res.status === 200 && sha(Buffer.from(await res.arrayBuffer())) === a.sha256) filesOk++;
    }
    figures.inB = { ...(await checkDatabase('B', acked)), filesOk };
    // A registration goes on in B.
    const after = await registerOne(tokenB, 'after-failover');
    acked.push(after);
    // The outbox relays ship within a second or two; the log's chain must verify whatever is in it.
    await sleep(3000);
    figures.auditVerifyB = cli('B', 'audit-verify.js');
    figures.blobsVerifyB = cli('B', 'blobs-verify.js');

    const rb = await rebuild(t);
    figures.rebuildBlobsCopied = rb.blobsCopied;
    const fb = await switchTo(t, 'A');
    await untilServing(null);
    figures.failbackMs = fb.switchMs;
    figures.inAAfterFailback = await checkDatabase('A', acked);
    figures.auditVerifyA = cli('A', 'audit-verify.js');

    const b = figures.inB;
    figures.passed =
      b.present === b.acknowledged &&
      b.filesOk === b.acknowledged &&
      b.gapless &&
      figures.auditVerifyB.ok &&
      figures.blobsVerifyB.ok &&
      figures.inAAfterFailback.present === acked.length &&
      figures.inAAfterFailback.gapless &&
      figures.auditVerifyA.ok;
    failed = !figures.passed;
  } catch (e) {
    failed = true;
    figures.error = e.message;
  } finally {
    if (!flag('keep')) await stop(t).catch(() => undefined);
  }
  if (JSON_OUT) console.log(JSON.stringify(figures));
  else {
    console.log('[drill] results');
    console.log(JSON.stringify(figures, null, 2));
    if (figures.killToServingMs !== undefined) {
      console.log(
        `[drill] acknowledged ${figures.inB?.acknowledged} / present in B ${figures.inB?.present} (files ${figures.inB?.filesOk}); numbering gapless: ${figures.inB?.gapless}`,
      );
      console.log(
        `[drill] kill → serving from B: ${(figures.killToServingMs / 1000).toFixed(1)} s; failback (A serving again): ${((figures.failbackMs ?? 0) / 1000).toFixed(1)} s`,
      );
    }
    console.log(failed ? '[drill] FAILED' : '[drill] passed');
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`[drill] ${e.stack ?? e.message}`);
  process.exit(1);
});
