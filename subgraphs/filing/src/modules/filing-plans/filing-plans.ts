import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  badInput,
  conflict,
  diff,
  inTransaction,
  notFound,
  parseDay,
  recordAudit,
  type AuditChange,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type {
  AddFilingPlanNodeInput,
  CreateFilingPlanInput,
  RetentionSchedule,
  ReviseFilingPlanNodeInput,
} from '../../generated/graphql';
import { activeCodeKey, composeFullCode } from './codes';
import { FilingPlanNode } from './filing-plan-node.entity';
import { FilingPlan } from './filing-plan.entity';
import { isNodeUsed, usedNodeIds } from './usage';
import {
  defaultNodeValue,
  defaultPlanValue,
  firstFreeValue,
  municipalitySource,
  scheduleIdentifier,
  validateIdentifier,
  type Identifier,
} from './identifiers';
import {
  MAX_FULL_CODE,
  NO_SCHEDULE,
  SETTLEMENT_TRIGGER_EVENT,
  checkDisposalCodeForPlan,
  nodeName,
  simpleCode,
  validatePlanInput,
  validateSchedule,
  type ScheduleFields,
} from './validation';

/**
 * Maintenance of filing plans (spisový plán) and their nodes (věcné skupiny), domain.md §5.2. Every mutation
 * checks its input first, then reads and writes in one transaction that ends with the audit event(s), so a
 * refused request leaves nothing behind.
 */

export const PLAN_AUDITED_FIELDS: (keyof FilingPlan)[] = [
  'name',
  'validFrom',
  'validTo',
  'legacy',
  'separator',
  'identifierValue',
  'identifierSource',
];
export const NODE_AUDITED_FIELDS: (keyof FilingPlanNode)[] = [
  'planId',
  'parentId',
  'code',
  'fullCode',
  'name',
  'active',
  'replacesId',
  'replacedById',
  'disposalCode',
  'retentionYears',
  'fixedDisposalYear',
  'triggerKind',
  'triggerEvent',
  'triggerCheckYears',
  'deactivatedAt',
  'identifierValue',
  'identifierSource',
  'scheduleIdentifierValue',
  'scheduleIdentifierSource',
];

/** The node's schedule as the API shows it (`RetentionSchedule`); null on nodes without one. */
export function retentionScheduleOf(node: FilingPlanNode): RetentionSchedule | null {
  if (!node.disposalCode || !node.triggerKind) return null;
  return {
    disposalCode: node.disposalCode,
    retentionYears: node.retentionYears,
    fixedDisposalYear: node.fixedDisposalYear,
    triggerKind: node.triggerKind,
    triggerEvent: node.triggerEvent ?? SETTLEMENT_TRIGGER_EVENT,
    triggerCheckYears: node.triggerCheckYears,
    // Rows are filled by the data upgrade; the fallback only covers a node read before it ran.
    identifier: {
      value: node.scheduleIdentifierValue ?? node.disposalCode,
      source: node.scheduleIdentifierSource ?? '',
    },
  };
}

/** A plan's or node's identifier as the API shows it. */
export const identifierOf = (o: {
  id: string;
  identifierValue: string | null;
  identifierSource: string | null;
}): Identifier => ({
  value: o.identifierValue ?? o.id,
  source: o.identifierSource ?? '',
});

/** Identifier columns of a node and its schedule. */
function identifierColumns(id: Identifier, schedule: Identifier | null) {
  return {
    identifierValue: id.value,
    identifierSource: id.source,
    scheduleIdentifierValue: schedule?.value ?? null,
    scheduleIdentifierSource: schedule?.source ?? null,
  };
}

/** CONFLICT when a given identifier is already another plan's (of this municipality) or another node's (of this plan). */
const identifierTaken = (what: string, id: Identifier) =>
  conflict(`The identifier ${id.value} (${id.source}) is already used by another ${what}`);

/** The node identifier: the given one (refused if taken in the plan) or the full code, made unique with -2, -3 … */
async function nodeIdentifier(
  tx: SqlEntityManager,
  planId: string,
  node: Pick<FilingPlanNode, 'id' | 'fullCode'>,
  given: { value: string; source?: string | null } | null | undefined,
  source: string,
): Promise<Identifier> {
  const taken = async (id: Identifier) =>
    !!(await tx.findOne(FilingPlanNode, { planId, identifierSource: id.source, identifierValue: id.value }));
  if (given) {
    const id = validateIdentifier(given, source, 'identifier');
    if (await taken(id)) throw identifierTaken('node of this plan', id);
    return id;
  }
  return { value: await firstFreeValue(defaultNodeValue(node), (value) => taken({ value, source })), source };
}

const scheduleFieldsOf = (n: FilingPlanNode): ScheduleFields => ({
  disposalCode: n.disposalCode,
  retentionYears: n.retentionYears,
  fixedDisposalYear: n.fixedDisposalYear,
  triggerKind: n.triggerKind,
  triggerEvent: n.triggerEvent,
  triggerCheckYears: n.triggerCheckYears,
});

export const nodeAuditChanges = (before: Partial<FilingPlanNode>, after: FilingPlanNode): AuditChange[] =>
  diff(before, after, NODE_AUDITED_FIELDS);
export const planAuditChanges = (before: Partial<FilingPlan>, after: FilingPlan): AuditChange[] =>
  diff(before, after, PLAN_AUDITED_FIELDS);

// ---------------------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------------------

/** The EntityManager's municipality's plans, newest validity first; with `validOn`, those valid that day. */
export function findFilingPlans(em: SqlEntityManager, validOn: string | null | undefined): Promise<FilingPlan[]> {
  const day = validOn == null ? null : parseDay(validOn, 'validOn');
  const where = day === null ? {} : { validFrom: { $lte: day }, $or: [{ validTo: null }, { validTo: { $gte: day } }] };
  return em.find(FilingPlan, where, { orderBy: [{ validFrom: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }] });
}

// ---------------------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------------------

/** `createFilingPlan`: a new plan of the caller's municipality, audited (Zalozeni, SpisovyPlan). */
export async function createFilingPlan(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: CreateFilingPlanInput,
): Promise<FilingPlan> {
  const fields = validatePlanInput(input);
  return inTransaction(em, async (tx) => {
    const source = await municipalitySource(tx, caller.municipalityId);
    const taken = async (id: Identifier) =>
      !!(await tx.findOne(FilingPlan, { identifierSource: id.source, identifierValue: id.value }));
    let identifier: Identifier;
    if (input.identifier) {
      identifier = validateIdentifier(input.identifier, source, 'identifier');
      if (await taken(identifier)) throw identifierTaken('filing plan of the municipality', identifier);
    } else {
      identifier = {
        value: await firstFreeValue(defaultPlanValue(source, fields.validFrom), (value) => taken({ value, source })),
        source,
      };
    }
    const plan = tx.create(FilingPlan, {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      ...fields,
      identifierValue: identifier.value,
      identifierSource: identifier.source,
      createdAt: new Date(),
      createdById: caller.userId,
    });
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'SpisovyPlan',
      objectId: plan.id,
      description: `Filing plan ${plan.name} created`,
      changes: planAuditChanges({}, plan),
    });
    return plan;
  });
}

/** `endFilingPlanValidity`: sets the last day of validity (not before the first), audited (Uprava). */
export async function endFilingPlanValidity(
  em: SqlEntityManager,
  caller: TenantCaller,
  planId: string,
  validTo: string,
): Promise<FilingPlan> {
  const day = parseDay(validTo, 'validTo');
  return inTransaction(em, async (tx) => {
    const plan = await tx.findOne(FilingPlan, { id: planId });
    if (!plan) throw notFound('FilingPlan', planId);
    if (day < plan.validFrom)
      throw badInput(`validTo must not be before the plan's validFrom ${plan.validFrom}`, 'validTo');
    if (plan.validTo === day) return plan;
    const before = { ...plan };
    plan.validTo = day;
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'SpisovyPlan',
      objectId: plan.id,
      description: `Filing plan ${plan.name} valid until ${day}`,
      changes: planAuditChanges(before, plan),
    });
    return plan;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------------------------

/** The unique index on `activeCodeKey`, as the drivers name it (the message also quotes the whole INSERT). */
const ACTIVE_CODE_INDEX =
  /\bfiling_plan_node_active_code_key_unique\b|constraint failed: filing_plan_node\.active_code_key\b/;

/** Flushes node changes; losing a race for a full code to a concurrent request reads as the CONFLICT it is. */
async function flushNodes(tx: SqlEntityManager, fullCode: string): Promise<void> {
  try {
    await tx.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException && ACTIVE_CODE_INDEX.test(e.message))
      throw duplicateCode(fullCode);
    throw e;
  }
}

const duplicateCode = (fullCode: string) => conflict(`The filing plan already has an active node ${fullCode}`);

async function ensureCodeFree(
  tx: SqlEntityManager,
  planId: string,
  fullCode: string,
  exceptId?: string,
): Promise<void> {
  const key = activeCodeKey(planId, fullCode);
  const taken = await tx.findOne(
    FilingPlanNode,
    exceptId ? { activeCodeKey: key, id: { $ne: exceptId } } : { activeCodeKey: key },
  );
  if (taken) throw duplicateCode(fullCode);
}

function checkedFullCode(parentFullCode: string | null, separator: string, code: string): string {
  const fullCode = composeFullCode(parentFullCode, separator, code);
  if (fullCode.length > MAX_FULL_CODE) {
    throw badInput(
      `The full code ${fullCode.slice(0, 40)}… would be ${fullCode.length} characters; at most ${MAX_FULL_CODE}`,
      'code',
    );
  }
  return fullCode;
}

async function findNode(tx: SqlEntityManager, id: string): Promise<FilingPlanNode> {
  const node = await tx.findOne(FilingPlanNode, { id });
  if (!node) throw notFound('FilingPlanNode', id);
  return node;
}

/**
 * The node to change, locked (FOR UPDATE on MariaDB) until the change commits. Classification reads the node with a
 * shared lock (classification.ts), so "is it used?" and the change cannot interleave with a classification into it.
 * Must be the transaction's first read: InnoDB takes its snapshot at the first non-locking read, which then sees
 * every classification committed before the lock was granted.
 */
async function findActiveNode(tx: SqlEntityManager, id: string): Promise<FilingPlanNode> {
  const node = await tx.findOne(FilingPlanNode, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!node) throw notFound('FilingPlanNode', id);
  if (!node.active) {
    throw conflict(
      `Filing plan node ${node.fullCode} is deactivated${node.replacedById ? ' (replaced)' : ''} and cannot be changed`,
    );
  }
  return node;
}

const planOf = (tx: SqlEntityManager, node: FilingPlanNode) => tx.findOneOrFail(FilingPlan, { id: node.planId });
const activeChildCount = (tx: SqlEntityManager, node: FilingPlanNode) =>
  tx.count(FilingPlanNode, { parentId: node.id, active: true });

/** `addFilingPlanNode`: a root or a child node; a schedule only where it will be a lowest-level node. */
export async function addFilingPlanNode(
  em: SqlEntityManager,
  caller: TenantCaller,
  input: AddFilingPlanNodeInput,
): Promise<FilingPlanNode> {
  const code = simpleCode(input.code);
  const name = nodeName(input.name);
  const schedule = input.retentionSchedule ? validateSchedule(input.retentionSchedule) : NO_SCHEDULE;
  return inTransaction(em, async (tx) => {
    const plan = await tx.findOne(FilingPlan, { id: input.planId });
    if (!plan) throw notFound('FilingPlan', input.planId);
    checkDisposalCodeForPlan(schedule, plan);
    let parent: FilingPlanNode | null = null;
    if (input.parentId) {
      parent = await findNode(tx, input.parentId);
      if (parent.planId !== plan.id)
        throw badInput(`Parent node ${parent.fullCode} belongs to another filing plan`, 'parentId');
      if (!parent.active) throw conflict(`Parent node ${parent.fullCode} is deactivated and takes no new child nodes`);
      if (parent.disposalCode) {
        throw conflict(
          `Parent node ${parent.fullCode} is a lowest-level node with a retention schedule and takes no child nodes`,
        );
      }
    }
    const fullCode = checkedFullCode(parent?.fullCode ?? null, plan.separator, code);
    await ensureCodeFree(tx, plan.id, fullCode);
    const source = await municipalitySource(tx, caller.municipalityId);
    const id = randomUUID();
    const identifier = await nodeIdentifier(tx, plan.id, { id, fullCode }, input.identifier, source);
    const givenSchedule = input.retentionSchedule?.identifier
      ? validateIdentifier(input.retentionSchedule.identifier, source, 'retentionSchedule.identifier')
      : null;
    const planNodes = await tx.find(FilingPlanNode, { planId: plan.id });
    const scheduleId = scheduleIdentifier(schedule, givenSchedule, source, planNodes);
    const node = tx.create(FilingPlanNode, {
      id,
      municipalityId: caller.municipalityId,
      planId: plan.id,
      parentId: parent?.id ?? null,
      code,
      fullCode,
      name,
      active: true,
      activeCodeKey: activeCodeKey(plan.id, fullCode),
      replacesId: null,
      replacedById: null,
      ...schedule,
      ...identifierColumns(identifier, scheduleId),
      createdAt: new Date(),
      deactivatedAt: null,
    });
    await flushNodes(tx, fullCode);
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'VecnaSkupina',
      objectId: node.id,
      description: `Filing plan node ${fullCode} ${name} added to ${plan.name}`,
      changes: nodeAuditChanges({}, node),
    });
    return node;
  });
}

/** What a revision changes; `schedule` undefined keeps the schedule, NO_SCHEDULE (explicit null) removes it. */
interface Revision {
  name?: string;
  code?: string;
  schedule?: ScheduleFields;
}

function validateRevision(input: ReviseFilingPlanNodeInput): Revision {
  const r: Revision = {};
  if (input.name != null) r.name = nodeName(input.name);
  if (input.code != null) r.code = simpleCode(input.code);
  if (input.retentionSchedule !== undefined)
    r.schedule = input.retentionSchedule === null ? NO_SCHEDULE : validateSchedule(input.retentionSchedule);
  if (r.name === undefined && r.code === undefined && r.schedule === undefined) {
    throw badInput('Give at least one of name, code and retentionSchedule');
  }
  return r;
}

/** Descendants of `root` among the plan's nodes, parents before children. */
function descendantsOf(root: FilingPlanNode, planNodes: FilingPlanNode[]): FilingPlanNode[] {
  const byParent = new Map<string, FilingPlanNode[]>();
  for (const n of planNodes) if (n.parentId) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
  const out: FilingPlanNode[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of byParent.get(queue.shift()!.id) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/**
 * `updateFilingPlanNode`: changes an unused, active node in place. A new code rewrites the full codes of its
 * subtree, so it also needs every node below to be unused (their classifications would change silently otherwise).
 */
export async function updateFilingPlanNode(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  input: ReviseFilingPlanNodeInput,
): Promise<FilingPlanNode> {
  const revision = validateRevision(input);
  return inTransaction(em, async (tx) => {
    const node = await findActiveNode(tx, id);
    const recode = revision.code !== undefined && revision.code !== node.code;
    // A new code rewrites the subtree: lock the plan's nodes too, before the first plain read (see findActiveNode).
    const planNodes = recode
      ? await tx.find(FilingPlanNode, { planId: node.planId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : [];
    const plan = await planOf(tx, node);
    if (revision.schedule) checkDisposalCodeForPlan(revision.schedule, plan);
    if (await isNodeUsed(tx, node.id)) {
      throw conflict(
        `Filing plan node ${node.fullCode} is used by documents or case files: replace it (replaceFilingPlanNode) instead`,
      );
    }
    if (revision.schedule?.disposalCode && (await activeChildCount(tx, node)) > 0) {
      throw conflict(
        `Filing plan node ${node.fullCode} has child nodes: only lowest-level nodes carry a retention schedule`,
      );
    }

    // Work out every new full code first, and write only once all of them are known to be acceptable.
    let descendants: FilingPlanNode[] = [];
    const newFullCode = new Map<string, string>();
    if (recode) {
      const parent = node.parentId ? await findNode(tx, node.parentId) : null;
      const fullCode = checkedFullCode(parent?.fullCode ?? null, plan.separator, revision.code!);
      await ensureCodeFree(tx, plan.id, fullCode, node.id);
      newFullCode.set(node.id, fullCode);
      descendants = descendantsOf(node, planNodes);
      const used = await usedNodeIds(
        tx,
        descendants.map((d) => d.id),
      );
      if (used.size > 0) {
        const first = descendants.find((d) => used.has(d.id))!;
        throw conflict(
          `Node ${first.fullCode} below ${node.fullCode} is used by documents or case files, so ${node.fullCode} keeps its code`,
        );
      }
      for (const d of descendants)
        newFullCode.set(d.id, checkedFullCode(newFullCode.get(d.parentId!)!, plan.separator, d.code));
    }

    const changed = [node, ...descendants];
    const before = new Map(changed.map((n) => [n.id, { ...n }]));
    if (revision.name !== undefined) node.name = revision.name;
    if (revision.code !== undefined) node.code = revision.code;
    if (revision.schedule) {
      Object.assign(node, revision.schedule);
      const source = node.identifierSource ?? (await municipalitySource(tx, caller.municipalityId));
      const given = input.retentionSchedule?.identifier
        ? validateIdentifier(input.retentionSchedule.identifier, source, 'retentionSchedule.identifier')
        : null;
      const id = scheduleIdentifier(
        revision.schedule,
        given,
        source,
        await tx.find(FilingPlanNode, { planId: node.planId }),
        node.id,
      );
      node.scheduleIdentifierValue = id?.value ?? null;
      node.scheduleIdentifierSource = id?.source ?? null;
    }
    for (const n of changed) {
      const fullCode = newFullCode.get(n.id);
      if (fullCode === undefined) continue;
      n.fullCode = fullCode;
      n.activeCodeKey = n.active ? activeCodeKey(plan.id, fullCode) : null;
    }
    // The same values again: nothing to write, nothing to log.
    if (nodeAuditChanges(before.get(node.id)!, node).length === 0) return node;
    await flushNodes(tx, node.fullCode);

    for (const n of changed) {
      await recordAudit(tx, caller, {
        municipalityId: caller.municipalityId,
        eventType: 'Uprava',
        objectType: 'VecnaSkupina',
        objectId: n.id,
        description:
          n === node
            ? `Filing plan node ${node.fullCode} changed`
            : `Full code follows the new code of ${node.fullCode}`,
        changes: nodeAuditChanges(before.get(n.id)!, n),
      });
    }
    return node;
  });
}

/**
 * `replaceFilingPlanNode`: deactivates a lowest-level node and creates its replacement under the same parent
 * with the revised values (the rest copied). Classifications keep pointing at the old node. Inner nodes are
 * refused: their children would hang under a deactivated parent.
 */
export async function replaceFilingPlanNode(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
  input: ReviseFilingPlanNodeInput,
): Promise<FilingPlanNode> {
  const revision = validateRevision(input);
  return inTransaction(em, async (tx) => {
    const old = await findActiveNode(tx, id);
    const plan = await planOf(tx, old);
    if ((await activeChildCount(tx, old)) > 0) {
      throw conflict(
        `Filing plan node ${old.fullCode} has active child nodes; only lowest-level nodes are replaced. ` +
          'Replace or deactivate its children first, or add a new node beside it',
      );
    }
    const schedule = revision.schedule ?? scheduleFieldsOf(old);
    checkDisposalCodeForPlan(schedule, plan);
    const parent = old.parentId ? await findNode(tx, old.parentId) : null;
    if (parent && !parent.active) throw conflict(`Parent node ${parent.fullCode} is deactivated`);
    const code = revision.code ?? old.code;
    const fullCode = checkedFullCode(parent?.fullCode ?? null, plan.separator, code);
    await ensureCodeFree(tx, plan.id, fullCode, old.id);

    const now = new Date();
    const before = { ...old };
    old.active = false;
    old.activeCodeKey = null;
    old.deactivatedAt = now;
    // Frees the full code before the replacement takes it (the unit of work would insert before it updates).
    await tx.flush();
    const source = old.identifierSource ?? (await municipalitySource(tx, caller.municipalityId));
    const replacementId = randomUUID();
    // A successor is another věcná skupina for the archive: its own identifier (the full code, then -2, -3 …).
    const identifier = await nodeIdentifier(tx, plan.id, { id: replacementId, fullCode }, null, source);
    const givenSchedule = input.retentionSchedule?.identifier
      ? validateIdentifier(input.retentionSchedule.identifier, source, 'retentionSchedule.identifier')
      : null;
    const scheduleId = scheduleIdentifier(
      schedule,
      givenSchedule,
      source,
      await tx.find(FilingPlanNode, { planId: plan.id }),
    );
    const replacement = tx.create(FilingPlanNode, {
      id: replacementId,
      municipalityId: caller.municipalityId,
      planId: plan.id,
      parentId: old.parentId,
      code,
      fullCode,
      name: revision.name ?? old.name,
      active: true,
      activeCodeKey: activeCodeKey(plan.id, fullCode),
      replacesId: old.id,
      replacedById: null,
      ...schedule,
      ...identifierColumns(identifier, scheduleId),
      createdAt: now,
      deactivatedAt: null,
    });
    old.replacedById = replacement.id;
    await flushNodes(tx, fullCode);

    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'VecnaSkupina',
      objectId: old.id,
      description: `Filing plan node ${old.fullCode} replaced`,
      changes: nodeAuditChanges(before, old),
    });
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Zalozeni',
      objectType: 'VecnaSkupina',
      objectId: replacement.id,
      description: `Filing plan node ${fullCode} ${replacement.name} replaces ${old.fullCode}`,
      changes: nodeAuditChanges({}, replacement),
    });
    return replacement;
  });
}

/** `deactivateFilingPlanNode`: the node takes no new documents or case files; its children must go first. */
export async function deactivateFilingPlanNode(
  em: SqlEntityManager,
  caller: TenantCaller,
  id: string,
): Promise<FilingPlanNode> {
  return inTransaction(em, async (tx) => {
    const node = await findActiveNode(tx, id);
    if ((await activeChildCount(tx, node)) > 0) {
      throw conflict(`Filing plan node ${node.fullCode} has active child nodes: deactivate them first`);
    }
    const before = { ...node };
    node.active = false;
    node.activeCodeKey = null;
    node.deactivatedAt = new Date();
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: 'VecnaSkupina',
      objectId: node.id,
      description: `Filing plan node ${node.fullCode} deactivated`,
      changes: nodeAuditChanges(before, node),
    });
    return node;
  });
}
