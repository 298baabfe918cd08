import type { SqlEntityManager } from '@mikro-orm/knex';
import { diff, inTransaction, recordAudit, scopeToTenant, type HubORM } from '@hub/kit';
import { CaseFile } from './modules/case-files/case-file.entity';
import { Document } from './modules/documents/document.entity';
import { FilingPlanNode } from './modules/filing-plans/filing-plan-node.entity';
import { applyDocumentRetention, refreshCaseFilesRetention } from './modules/retention/apply';
import { isCalendarTriggerEvent } from './modules/retention/retention';
import { foldForSearch } from './modules/documents/search';
import { insertWordRows, rawInstant, wordRows } from './modules/documents/word-index';
import { forecastKey } from './modules/retention/forecast-key';
import { generatePid, pidAbbreviationOf } from './modules/registers/pid';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AuditEvent, DEMO_MUNICIPALITIES } from '@hub/kit';
import { demoPlanId, recordDemoNodesCreation } from './modules/filing-plans/demo-plan';
import { compareFullCodes } from './modules/filing-plans/codes';
import { FilingPlan } from './modules/filing-plans/filing-plan.entity';
import {
  defaultNodeValue,
  defaultPlanValue,
  defaultScheduleValue,
  firstFreeValue,
  municipalitySource,
} from './modules/filing-plans/identifiers';
import { DocumentKind } from './modules/document-kinds/document-kind.entity';
import { ensureStandardKinds } from './modules/document-kinds/document-kinds';
import { SYSTEM_AUTHOR } from './modules/documents/metadata';
import { Shipment } from './modules/dispatch/shipment.entity';
import { findOrCreateParty, partyFromFlat } from './modules/parties/parties';

/** Rows per statement when derived columns are filled in. */
const FILL_BATCH = 1000;
/**
 * Marks a database whose derived columns have been filled (a row of the counters table, value 1). Finding the
 * rows to fill takes a full scan of `document` (about 2 s at 1.5 M documents), which every start would otherwise
 * pay; once the columns exist, every write path fills them (the document schema's hooks, retention/apply.ts).
 */
const FILLED_MARK = 'upgrade:derived-columns-1';

/**
 * Columns derived in JavaScript (folding, the forecast's natural key: neither is expressible in portable SQL),
 * filled in for rows written before the column existed, a batch at a time, once per database. Each pass fills
 * every row it selects, so the loop ends.
 */
async function fillDerivedColumns(orm: HubORM): Promise<void> {
  const knex = orm.em.getKnex();
  if (await knex('sequence_counter').where({ name: FILLED_MARK }).first('name')) return;
  type Fill = { table: string; column: string; select: () => Promise<{ id: string; value: string }[]> };
  const fills: Fill[] = [
    {
      table: 'document',
      column: 'sender_folded',
      select: async () =>
        (
          (await knex('document')
            .whereNull('sender_folded')
            .whereNotNull('sender_name')
            .limit(FILL_BATCH)
            .select('id', 'sender_name')) as {
            id: string;
            sender_name: string;
          }[]
        ).map((r) => ({ id: r.id, value: foldForSearch(r.sender_name) })),
    },
    ...(['document', 'case_file'] as const).map((table): Fill => ({
      table,
      column: 'forecast_key',
      select: async () =>
        (
          (await knex(`${table} as t`)
            .leftJoin('filing_plan_node as n', 'n.id', 't.filing_plan_node_id')
            .whereNull('t.forecast_key')
            .whereNotNull('t.disposal_year')
            .limit(FILL_BATCH)
            .select(
              't.id',
              table === 'document'
                ? knex.raw('coalesce(t.reference_number, t.pid) as label')
                : 't.reference_number as label',
              'n.full_code',
            )) as {
            id: string;
            label: string;
            full_code: string | null;
          }[]
        ).map((r) => ({ id: r.id, value: forecastKey(r.full_code ?? '', r.label) })),
    })),
  ];
  for (const fill of fills) {
    for (let rows = await fill.select(); rows.length > 0; rows = await fill.select()) {
      await knex.transaction(async (trx) => {
        for (const r of rows)
          await trx(fill.table)
            .where({ id: r.id })
            .update({ [fill.column]: r.value });
      });
    }
  }
  await knex('sequence_counter').insert({ name: FILLED_MARK, current_value: 1 }).onConflict('name').ignore();
}

/** Marks a database whose stored retention follows the rules of retention.ts (longest period from closure, calendar triggers). */
const RETENTION_MARK = 'upgrade:retention-2';
/** Entities per transaction when the retention is recomputed. */
const RECOMPUTE_BATCH = 500;
const RETENTION_FIELDS = ['disposalCode', 'retentionYears', 'disposalYear'] as const;
const RECOMPUTED = 'Retention recomputed by the data upgrade (domain.md §5.3 as implemented in retention.ts)';

/**
 * Stored retention computed by earlier versions, brought to today's rules once per database (then one lookup per
 * start), per municipality, in batches of one transaction each, every changed figure with its `Uprava` event
 * (actor "system"), so the log says why a disposal year moved:
 * 1. nodes whose "external" trigger is the end of a calendar or accounting year become CALENDAR_YEAR_END;
 * 2. the documents on those nodes whose settlement year differs from their entered trigger year (or lacks one);
 * 3. every closed case file (or one with a trigger date): closure year + 1 + the longest period, not earlier than
 *    any document's own year.
 * Idempotent: a rerun after an interruption finds nothing changed where it already went, and writes no event there.
 */
async function recomputeRetention(orm: HubORM): Promise<void> {
  const knex = orm.em.getKnex();
  if (await knex('sequence_counter').where({ name: RETENTION_MARK }).first('name')) return;
  const municipalities = (await knex('filing_plan_node').distinct('municipality_id')) as { municipality_id: string }[];
  for (const { municipality_id: municipalityId } of municipalities) {
    const em = () => scopeToTenant(orm.em.fork(), municipalityId) as unknown as SqlEntityManager;

    const calendarNodes = await inTransaction(em(), async (tx) => {
      const nodes = (await tx.find(FilingPlanNode, { triggerKind: 'EXTERNAL' })).filter(
        (n) => n.triggerEvent && isCalendarTriggerEvent(n.triggerEvent),
      );
      for (const n of nodes) n.triggerKind = 'CALENDAR_YEAR_END';
      await tx.flush();
      for (const n of nodes) {
        await recordAudit(tx, null, {
          municipalityId,
          eventType: 'Uprava',
          objectType: 'VecnaSkupina',
          objectId: n.id,
          description: `Trigger "${n.triggerEvent}" of ${n.fullCode} is the end of a calendar year: computed, not entered`,
          changes: [{ name: 'triggerKind', old: 'EXTERNAL', new: 'CALENDAR_YEAR_END' }],
        });
      }
      return nodes.map((n) => n.id);
    });

    const documentIds =
      calendarNodes.length === 0
        ? []
        : ((await knex('document')
            .where({ municipality_id: municipalityId })
            .whereIn('filing_plan_node_id', calendarNodes)
            .whereNotNull('settled_on')
            .whereRaw("coalesce(substr(trigger_event_on, 1, 4), '') <> substr(settled_on, 1, 4)")
            .orderBy('id')
            .pluck('id')) as string[]);
    for (let i = 0; i < documentIds.length; i += RECOMPUTE_BATCH) {
      await inTransaction(em(), async (tx) => {
        const docs = await tx.find(Document, { id: { $in: documentIds.slice(i, i + RECOMPUTE_BATCH) } });
        const nodes = new Map((await tx.find(FilingPlanNode, { id: { $in: calendarNodes } })).map((n) => [n.id, n]));
        const changed = docs
          .map((d) => {
            const before = { ...d };
            applyDocumentRetention(d, nodes.get(d.filingPlanNodeId!));
            return { d, changes: diff(before, d, [...RETENTION_FIELDS]) };
          })
          .filter((c) => c.changes.length > 0);
        await tx.flush();
        for (const { d, changes } of changed) {
          await recordAudit(tx, null, {
            municipalityId,
            eventType: 'Uprava',
            objectType: 'Dokument',
            objectId: d.id,
            description: RECOMPUTED,
            changes,
          });
        }
      });
    }

    // Case files after their documents (whose settlement years they read), keyset by id.
    for (let after = ''; ;) {
      const ids = (await knex('case_file')
        .where({ municipality_id: municipalityId })
        .where('id', '>', after)
        .whereNotNull('filing_plan_node_id')
        .where((q) => q.whereNotNull('closed_on').orWhereNotNull('trigger_event_on'))
        .orderBy('id')
        .limit(RECOMPUTE_BATCH)
        .pluck('id')) as string[];
      if (ids.length === 0) break;
      after = ids[ids.length - 1];
      await inTransaction(em(), async (tx) => {
        const caseFiles = await tx.find(CaseFile, { id: { $in: ids } });
        const before = new Map(caseFiles.map((c) => [c.id, { ...c }]));
        await refreshCaseFilesRetention(tx, caseFiles);
        const changed = caseFiles
          .map((c) => ({ c, changes: diff(before.get(c.id)!, c, [...RETENTION_FIELDS]) }))
          .filter((x) => x.changes.length > 0);
        await tx.flush();
        for (const { c, changes } of changed) {
          await recordAudit(tx, null, {
            municipalityId,
            eventType: 'Uprava',
            objectType: 'Spis',
            objectId: c.id,
            description: RECOMPUTED,
            changes,
          });
        }
      });
    }
  }
  await knex('sequence_counter').insert({ name: RETENTION_MARK, current_value: 1 }).onConflict('name').ignore();
}

/** Marks a database whose case files all have a PID. */
const CASE_FILE_PID_MARK = 'upgrade:case-file-pid-1';
const PID_ASSIGNED = 'PID assigned by the data upgrade (case files opened before they had PIDs)';

/**
 * Case files opened before case files had PIDs get one, once per database: the same form as at opening (the
 * initiating document's abbreviation, marker `S`, registers/pid.ts), each with its `Uprava` event (actor
 * "system"), so the log has the PID before anything is written under it. In batches of one transaction per
 * municipality; a batch that hits a PID already taken is redone with fresh PIDs. Idempotent: only rows without a
 * PID are selected, and the mark makes later starts one lookup.
 */
async function assignCaseFilePids(orm: HubORM): Promise<void> {
  const knex = orm.em.getKnex();
  if (await knex('sequence_counter').where({ name: CASE_FILE_PID_MARK }).first('name')) return;
  for (;;) {
    const rows = (await knex('case_file as c')
      .join('document as d', 'd.id', 'c.initiating_document_id')
      .whereNull('c.pid')
      .orderBy('c.municipality_id')
      .limit(RECOMPUTE_BATCH)
      .select('c.id', 'c.municipality_id', 'd.pid as document_pid')) as {
      id: string;
      municipality_id: string;
      document_pid: string;
    }[];
    if (rows.length === 0) break;
    const municipalityId = rows[0].municipality_id;
    const batch = rows.filter((r) => r.municipality_id === municipalityId);
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(scopeToTenant(orm.em.fork(), municipalityId) as unknown as SqlEntityManager, async (tx) => {
          const caseFiles = new Map(
            (await tx.find(CaseFile, { id: { $in: batch.map((r) => r.id) }, pid: null })).map((c) => [c.id, c]),
          );
          for (const r of batch) {
            const c = caseFiles.get(r.id);
            if (c) c.pid = generatePid(pidAbbreviationOf(r.document_pid), 'CASE_FILE');
          }
          await tx.flush();
          for (const c of caseFiles.values()) {
            await recordAudit(tx, null, {
              municipalityId,
              eventType: 'Uprava',
              objectType: 'Spis',
              objectId: c.id,
              description: PID_ASSIGNED,
              changes: [{ name: 'pid', old: null, new: c.pid }],
            });
          }
        });
        break;
      } catch (e) {
        if (attempt >= 5 || !(e instanceof UniqueConstraintViolationException)) throw e;
      }
    }
  }
  await knex('sequence_counter').insert({ name: CASE_FILE_PID_MARK, current_value: 1 }).onConflict('name').ignore();
}

/** Marks a database whose demo plans' nodes have their `Zalozeni` events. */
const DEMO_NODES_MARK = 'upgrade:demo-plan-nodes-logged-1';

/**
 * Demo plans seeded before their nodes' creation was logged (demo-plan.ts once wrote one event for the plan only)
 * get a `Zalozeni` for each node that has none, actor "system", once per database. Idempotent: a node with its
 * event is skipped.
 */
async function logDemoPlanNodes(orm: HubORM): Promise<void> {
  const knex = orm.em.getKnex();
  if (await knex('sequence_counter').where({ name: DEMO_NODES_MARK }).first('name')) return;
  for (const m of DEMO_MUNICIPALITIES) {
    await inTransaction(scopeToTenant(orm.em.fork(), m.id) as unknown as SqlEntityManager, async (tx) => {
      const nodes = await tx.find(FilingPlanNode, { planId: demoPlanId(m.abbreviation) });
      if (nodes.length === 0) return;
      const logged = new Set(
        (
          await tx.find(
            AuditEvent,
            { objectId: { $in: nodes.map((n) => n.id) }, eventType: 'Zalozeni' },
            { fields: ['objectId'] },
          )
        ).map((e) => e.objectId),
      );
      const missing = nodes.filter((n) => !logged.has(n.id)).sort((a, b) => compareFullCodes(a.fullCode, b.fullCode));
      await recordDemoNodesCreation(tx, m.id, missing, 'Demo data (logged by the data upgrade)');
      await tx.flush();
    });
  }
  await knex('sequence_counter').insert({ name: DEMO_NODES_MARK, current_value: 1 }).onConflict('name').ignore();
}

/** Marks a database whose plans, nodes, schedules, document kinds and authors are filled for the archive's SIP. */
const SIP_METADATA_MARK = 'upgrade:sip-metadata-1';
const FILLED_BY_UPGRADE = 'Filled by the data upgrade (metadata for the archive)';

/**
 * Metadata the archive's SIP needs, filled for rows from before it was captured, once per database, per
 * municipality, each changed object with its `Uprava` (`Zalozeni` for new document kinds) by the system:
 * 1. filing plans, nodes and schedules get their identifiers (filing-plans/identifiers.ts defaults: `<ABBR>-<year>`,
 *    the full code made unique in the plan, the schedule's `S/5`-style value);
 * 2. every municipality with a register gets the standard document kinds if it has none, and documents without a
 *    kind get the default one (ostatní: what they were never asked to be);
 * 3. own documents get their author from who created them: the name and login the log recorded for that person
 *    (their document's `Zalozeni`, else any event of theirs), `system` for documents the hub filed itself.
 * Form needs nothing: the column's default DIGITAL is what every earlier document was (the hub held files only).
 * Idempotent: only rows still empty are selected.
 */
async function fillSipMetadata(orm: HubORM): Promise<void> {
  const knex = orm.em.getKnex();
  if (await knex('sequence_counter').where({ name: SIP_METADATA_MARK }).first('name')) return;
  const municipalities = (await knex('register').distinct('municipality_id')) as { municipality_id: string }[];
  for (const { municipality_id: municipalityId } of municipalities) {
    const em = () => scopeToTenant(orm.em.fork(), municipalityId) as unknown as SqlEntityManager;

    await inTransaction(em(), async (tx) => {
      const source = await municipalitySource(tx, municipalityId);
      const plans = await tx.find(
        FilingPlan,
        {},
        { orderBy: [{ validFrom: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] },
      );
      const planValues = new Set(
        plans.filter((p) => p.identifierSource === source && p.identifierValue).map((p) => p.identifierValue!),
      );
      for (const plan of plans.filter((p) => !p.identifierValue)) {
        const before = { ...plan };
        plan.identifierValue = await firstFreeValue(defaultPlanValue(source, plan.validFrom), async (v) =>
          planValues.has(v),
        );
        plan.identifierSource = source;
        planValues.add(plan.identifierValue);
        await tx.flush();
        await recordAudit(tx, null, {
          municipalityId,
          eventType: 'Uprava',
          objectType: 'SpisovyPlan',
          objectId: plan.id,
          description: FILLED_BY_UPGRADE,
          changes: diff(before, plan, ['identifierValue', 'identifierSource']),
        });
      }
      for (const plan of plans) {
        // Older nodes first, so an original keeps its full code and its successors get -2, -3 …
        const nodes = await tx.find(
          FilingPlanNode,
          { planId: plan.id },
          { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        );
        const values = new Set(
          nodes.filter((n) => n.identifierSource === source && n.identifierValue).map((n) => n.identifierValue!),
        );
        for (const node of nodes) {
          const schedule = node.disposalCode && !node.scheduleIdentifierValue ? defaultScheduleValue(node) : null;
          if (node.identifierValue && !schedule) continue;
          const before = { ...node };
          if (!node.identifierValue) {
            node.identifierValue = await firstFreeValue(defaultNodeValue(node), async (v) => values.has(v));
            node.identifierSource = source;
            values.add(node.identifierValue);
          }
          if (schedule) {
            node.scheduleIdentifierValue = schedule;
            node.scheduleIdentifierSource = source;
          }
          await tx.flush();
          await recordAudit(tx, null, {
            municipalityId,
            eventType: 'Uprava',
            objectType: 'VecnaSkupina',
            objectId: node.id,
            description: FILLED_BY_UPGRADE,
            changes: diff(before, node, [
              'identifierValue',
              'identifierSource',
              'scheduleIdentifierValue',
              'scheduleIdentifierSource',
            ]),
          });
        }
      }
    });

    const defaultKind = await inTransaction(em(), async (tx) => {
      await ensureStandardKinds(tx, municipalityId, null, 'Standard document kinds (data upgrade)');
      return tx.findOne(DocumentKind, { isDefault: true });
    });
    if (defaultKind) {
      for (;;) {
        const ids = (await knex('document')
          .where({ municipality_id: municipalityId })
          .whereNull('kind_id')
          .orderBy('id')
          .limit(RECOMPUTE_BATCH)
          .pluck('id')) as string[];
        if (ids.length === 0) break;
        await inTransaction(em(), async (tx) => {
          await tx.nativeUpdate(Document, { id: { $in: ids }, kindId: null }, { kindId: defaultKind.id });
          for (const id of ids) {
            await recordAudit(tx, null, {
              municipalityId,
              eventType: 'Uprava',
              objectType: 'Dokument',
              objectId: id,
              description: `${FILLED_BY_UPGRADE}: default document kind`,
              changes: [{ name: 'kindId', old: null, new: defaultKind.id }],
            });
          }
        });
      }
    }

    for (;;) {
      const docs = (await knex('document')
        .where({ municipality_id: municipalityId, origin: 'OWN' })
        .whereNull('author_name')
        .orderBy('id')
        .limit(RECOMPUTE_BATCH)
        .select('id', 'created_by_id', 'registered_by_id')) as {
        id: string;
        created_by_id: string | null;
        registered_by_id: string | null;
      }[];
      if (docs.length === 0) break;
      const creation = new Map(
        (
          (await knex('audit_event')
            .whereIn(
              'object_id',
              docs.map((d) => d.id),
            )
            .where({ event_type: 'Zalozeni' })
            .select('object_id', 'actor_id', 'actor_login', 'actor_name')) as {
            object_id: string;
            actor_id: string | null;
            actor_login: string;
            actor_name: string | null;
          }[]
        ).map((e) => [e.object_id, e]),
      );
      const people = new Map<string, string>();
      const personOf = async (userId: string): Promise<string> => {
        if (!people.has(userId)) {
          const e = (await knex('audit_event')
            .where({ actor_id: userId })
            .orderBy([{ column: 'actor_name', order: 'desc' }])
            .first('actor_login', 'actor_name')) as { actor_login: string; actor_name: string | null } | undefined;
          people.set(userId, e?.actor_name ?? e?.actor_login ?? userId);
        }
        return people.get(userId)!;
      };
      await inTransaction(em(), async (tx) => {
        for (const d of docs) {
          const userId = d.created_by_id ?? d.registered_by_id;
          const e = creation.get(d.id);
          const name =
            (e && e.actor_id === userId ? (e.actor_name ?? e.actor_login) : null) ??
            (userId ? await personOf(userId) : SYSTEM_AUTHOR);
          await tx.nativeUpdate(Document, { id: d.id }, { authorUserId: userId, authorName: name.slice(0, 200) });
          await recordAudit(tx, null, {
            municipalityId,
            eventType: 'Uprava',
            objectType: 'Dokument',
            objectId: d.id,
            description: `${FILLED_BY_UPGRADE}: author`,
            changes: [
              { name: 'authorUserId', old: null, new: userId },
              { name: 'authorName', old: null, new: name },
            ],
          });
        }
      });
    }
  }
  await knex('sequence_counter').insert({ name: SIP_METADATA_MARK, current_value: 1 }).onConflict('name').ignore();
}

/** Marks a database whose documents' senders and shipments' recipients are all linked to the name register. */
const NAME_REGISTER_MARK = 'upgrade:name-register-1';

/**
 * Senders and recipients stored before the name register existed become its parties, once per database: each
 * document's flat sender and each shipment's flat recipient is found in the register by the dedup rule
 * (modules/parties `findMatchingParty`: IČO, data box, then name and address) or added with source UPGRADE and its
 * `Zalozeni` (actor "system"), and the row is linked. The flat columns stay as they are: they are the snapshot.
 * The link itself writes no event on the document (a derived reference, like the folded columns above; the
 * register entry did not change). In batches of one municipality and one transaction; only unlinked rows are
 * selected and each pass links all it selects, so the loop ends and a rerun after an interruption goes on.
 */
async function fillNameRegister(orm: HubORM): Promise<void> {
  const knex = orm.em.getKnex();
  if (await knex('sequence_counter').where({ name: NAME_REGISTER_MARK }).first('name')) return;
  const now = new Date();
  for (const table of ['document', 'shipment'] as const) {
    for (;;) {
      const query = knex(table).whereNull(table === 'document' ? 'sender_party_id' : 'recipient_party_id');
      if (table === 'document') query.whereNotNull('sender_name');
      const rows = (await query.orderBy('municipality_id').limit(RECOMPUTE_BATCH).select('id', 'municipality_id')) as {
        id: string;
        municipality_id: string;
      }[];
      if (rows.length === 0) break;
      const municipalityId = rows[0].municipality_id;
      const ids = rows.filter((r) => r.municipality_id === municipalityId).map((r) => r.id);
      await inTransaction(scopeToTenant(orm.em.fork(), municipalityId) as unknown as SqlEntityManager, async (tx) => {
        if (table === 'document') {
          for (const d of await tx.find(Document, { id: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } })) {
            const flat = {
              name: d.senderName!,
              address: d.senderAddress,
              dataBoxId: d.senderDataBoxId,
              ico: d.senderIco,
            };
            d.senderPartyId = (
              await findOrCreateParty(tx, null, municipalityId, partyFromFlat(flat), 'UPGRADE', now)
            ).id;
          }
        } else {
          for (const s of await tx.find(Shipment, { id: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } })) {
            const flat = {
              name: s.recipientName,
              address: s.recipientAddress,
              dataBoxId: s.recipientDataBoxId,
              email: s.recipientEmail,
            };
            s.recipientPartyId = (
              await findOrCreateParty(tx, null, municipalityId, partyFromFlat(flat), 'UPGRADE', now)
            ).id;
          }
        }
        await tx.flush();
      });
    }
  }
  await knex('sequence_counter').insert({ name: NAME_REGISTER_MARK, current_value: 1 }).onConflict('name').ignore();
}

/** Marks a database whose documents from before the word index have their words (a row of the counters table). */
export const WORD_INDEX_MARK = 'upgrade:word-index-1';

/**
 * The word index of subject and sender search (documents/word-index.ts) for documents written before it existed:
 * every document, in id order, a batch per transaction, once per database. Rows a write indexed meanwhile are kept
 * (insert-or-ignore), so an interrupted run is simply run again at the next start. At 1.5 M documents this reads the
 * whole table once (minutes, README "Search"); later writes keep the index themselves (the document schema's hooks).
 */
async function fillWordIndex(orm: HubORM): Promise<void> {
  const knex = orm.em.getKnex();
  if (await knex('sequence_counter').where({ name: WORD_INDEX_MARK }).first('name')) return;
  let after = '';
  for (;;) {
    const rows = (await knex('document')
      .where('id', '>', after)
      .orderBy('id')
      .limit(FILL_BATCH)
      .select('id', 'municipality_id', 'subject', 'sender_name', 'created_at', 'registered_at')) as {
      id: string;
      municipality_id: string;
      subject: string;
      sender_name: string | null;
      created_at: unknown;
      registered_at: unknown;
    }[];
    if (rows.length === 0) break;
    const words = rows.flatMap((r) =>
      wordRows({
        id: r.id,
        municipalityId: r.municipality_id,
        subject: r.subject,
        senderName: r.sender_name,
        createdAt: rawInstant(r.created_at),
        registeredAt: rawInstant(r.registered_at),
      }),
    );
    await orm.em.fork().transactional((tx) => insertWordRows(tx, words));
    after = rows.at(-1)!.id;
  }
  await knex('sequence_counter').insert({ name: WORD_INDEX_MARK, current_value: 1 }).onConflict('name').ignore();
}

/**
 * Runs at every start after the schema is checked (kit `prepareSchema`), with the services' runtime account: rows
 * only, never DDL (on MariaDB that account has none; the append-only triggers of the transaction log and of its
 * daily renditions come with the migrations, or on SQLite from `prepareSchema`, see filing's `appendOnly`).
 * Idempotent and cheap when there is nothing to do.
 *
 * - Rows registered before drafts existed have no `createdAt`: for them the registration is the creation. Filled
 *   in once, so the document list can order by `(createdAt, id)` on an index. Runs across all municipalities on
 *   purpose (each row gets its own values); a no-op once done.
 * - `Document.senderFolded` and the forecast's `forecastKey` (documents, case files) for rows from before they
 *   existed (`fillDerivedColumns`, once per database).
 * - Stored retention computed by the rules of earlier versions, recomputed once (`recomputeRetention`).
 * - Case files from before case files had PIDs get theirs (`assignCaseFilePids`, once per database).
 * - The creation of demo plans' nodes seeded before it was logged (`logDemoPlanNodes`, once per database).
 * - Identifiers, document kinds and authors the archive's SIP needs (`fillSipMetadata`, once per database).
 * - Senders and recipients from before the name register become its parties, linked (`fillNameRegister`, once per database).
 * - The word index of subject and sender search for documents from before it (`fillWordIndex`, once per database).
 */
export async function upgradeData(orm: HubORM): Promise<void> {
  // Looked for first: the UPDATE alone scans the whole table under locks at every start (≈ 2 s at 1.5 M documents).
  if (await orm.em.getKnex()('document').whereNull('created_at').first('id')) {
    await orm.em
      .getConnection()
      .execute(
        'update document set created_at = registered_at, created_by_id = registered_by_id where created_at is null',
      );
  }
  await fillDerivedColumns(orm);
  await recomputeRetention(orm);
  await assignCaseFilePids(orm);
  await logDemoPlanNodes(orm);
  await fillSipMetadata(orm);
  await fillNameRegister(orm);
  await fillWordIndex(orm);
}
