import type { SqlEntityManager } from '@mikro-orm/knex';
import { Role, badInput, conflict, type Peers, type TenantCaller } from '@hub/kit';
import type { SettleDocumentInput } from '../../generated/graphql';
import { CaseFile } from '../case-files/case-file.entity';
import type { Document } from './document.entity';
import { assertNothingPending } from '../dispatch/dispatch';
import { assertNoFailedConversion, queueConversions } from '../conversion/conversion';
import {
  assertNoVAfter2026,
  assertPlanValidOn,
  findClassifiableNode,
  scheduleOf,
} from '../filing-plans/classification';
import { FilingPlanNode } from '../filing-plans/filing-plan-node.entity';
import { czechDay } from '../retention/retention';
import { RETENTION_FIELDS, label, precheckStep, refreshRetention, runStep, type StepResult } from './steps';
import { pastDay, requiredText, validateSettlement } from './validation';
import { assertQuantities } from './metadata';

/**
 * The handling steps of a registered document (domain.md §4.1): assignment, acceptance, return, settlement,
 * reopening, closure, cancellation, classification and the external trigger date. Each is one `runStep`:
 * the transition table and who may take which step are in workflow.ts.
 */

const SETTLEMENT_FIELDS = [
  'settlementMethod',
  'settledOn',
  'settlementContent',
  'settlementReason',
  'settledById',
  'settlementRecordedAt',
] as const;
const ASSIGNMENT_FIELDS = ['orgUnitId', 'handlerId', 'assignedAt'] as const;

interface PeerOrgUnit {
  id: string;
  active: boolean;
}
interface PeerUser {
  id: string;
  active: boolean;
  roles: string[];
  orgUnit: { id: string } | null;
}

/**
 * The org unit and handler of an assignment, asked from their owners (municipalities, users) as the caller,
 * so another municipality's unit or user is "not found" like an unknown one. Runs before the transaction.
 */
async function checkAssignee(peers: Peers, orgUnitId: string, handlerId: string | null): Promise<void> {
  const [unit] = await peers.entities<PeerOrgUnit>('municipalities', 'OrgUnit', [orgUnitId], 'id active');
  if (!unit) throw badInput(`Org unit ${orgUnitId} was not found in your municipality`, 'orgUnitId');
  if (!unit.active) throw badInput(`Org unit ${orgUnitId} is no longer active`, 'orgUnitId');
  if (!handlerId) return;
  const [user] = await peers.entities<PeerUser>('users', 'User', [handlerId], 'id active roles orgUnit { id }');
  if (!user) throw badInput(`User ${handlerId} was not found in your municipality`, 'handlerId');
  if (!user.active) throw badInput(`User ${handlerId} is disabled`, 'handlerId');
  if (!user.roles.includes(Role.CASE_HANDLER) && !user.roles.includes(Role.UNIT_HEAD)) {
    throw badInput(`User ${handlerId} is neither a case handler nor a unit head`, 'handlerId');
  }
  if (user.orgUnit?.id !== orgUnitId)
    throw badInput(`User ${handlerId} does not work in org unit ${orgUnitId}`, 'handlerId');
}

/**
 * `assignDocument`: REGISTERED → ASSIGNED (předání), or IN_PROGRESS → ASSIGNED (forwarding), to an org unit and
 * optionally a handler of it. The remote checks run after the local ones and before the transaction.
 */
export async function assignDocument(
  em: SqlEntityManager,
  peers: Peers,
  caller: TenantCaller,
  args: { documentId: string; orgUnitId: string; handlerId?: string | null },
  now: Date,
): Promise<StepResult> {
  const handlerId = args.handlerId ?? null;
  await precheckStep(em, caller, 'assign', args.documentId);
  await checkAssignee(peers, args.orgUnitId, handlerId);
  return runStep(em, caller, 'assign', args.documentId, (_, d) => {
    Object.assign(d, { orgUnitId: args.orgUnitId, handlerId, assignedAt: now });
    return {
      eventType: 'ZmenaZpracovatele',
      description: `Document ${label(d)} assigned to org unit ${args.orgUnitId}${handlerId ? `, handler ${handlerId}` : ''}`,
      fields: [...ASSIGNMENT_FIELDS],
    };
  });
}

/** `acceptDocument`: ASSIGNED → IN_PROGRESS (převzetí); with no handler named, whoever accepts becomes it. */
export function acceptDocument(em: SqlEntityManager, caller: TenantCaller, documentId: string): Promise<StepResult> {
  return runStep(em, caller, 'accept', documentId, (_, d) => {
    d.handlerId ??= caller.userId;
    return { eventType: 'Uprava', description: `Document ${label(d)} accepted`, fields: ['handlerId'] };
  });
}

/** `returnDocument`: ASSIGNED → REGISTERED: the assignment is refused and the document goes back to the podatelna. */
export function returnDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  reason: string,
): Promise<StepResult> {
  const why = requiredText(reason, 'reason');
  return runStep(em, caller, 'return', documentId, (_, d) => {
    Object.assign(d, { orgUnitId: null, handlerId: null, assignedAt: null });
    return {
      eventType: 'Uprava',
      description: `Document ${label(d)} returned: ${why}`,
      fields: [...ASSIGNMENT_FIELDS],
      extra: [{ name: 'reason', old: null, new: why }],
    };
  });
}

/** `settleDocument`: IN_PROGRESS → SETTLED (vyřízení), which starts a SETTLEMENT-triggered retention period. */
export function settleDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  input: SettleDocumentInput,
  now: Date,
): Promise<StepResult> {
  return runStep(
    em,
    caller,
    'settle',
    documentId,
    async (tx, d) => {
      const registeredAt = d.registeredAt ?? d.createdAt;
      const s = validateSettlement(input, czechDay(now), registeredAt ? czechDay(registeredAt) : null);
      // A paper part states its quantity by settlement (rules obs61/obs61a), while the handler still has it at hand.
      assertQuantities(d, label(d));
      await assertNodeUsable(tx, d, s.settledOn, 'settled');
      Object.assign(d, {
        settlementMethod: s.method,
        settledOn: s.settledOn,
        settlementContent: s.content,
        settlementReason: s.reason,
        settledById: caller.userId,
        settlementRecordedAt: now,
      });
      await refreshRetention(tx, d);
      // Conversion to output formats is due by settlement (domain.md §5.5): the worker takes it from here.
      await queueConversions(tx, d, null, now);
      return {
        eventType: 'Vyrizeni',
        description: `Document ${label(d)} settled (${s.method})`,
        fields: [...SETTLEMENT_FIELDS, ...RETENTION_FIELDS],
      };
    },
    { affectsRetention: true },
  );
}

/**
 * The document's classification may be used on `day` (its settlement or closure): its plan is valid that day, and
 * its code is not V after 2026 (obs66). Unclassified documents pass (closing refuses them on its own).
 */
async function assertNodeUsable(tx: SqlEntityManager, d: Document, day: string, action: string): Promise<void> {
  const node = d.filingPlanNodeId ? await tx.findOne(FilingPlanNode, { id: d.filingPlanNodeId }) : null;
  if (!node) return;
  await assertPlanValidOn(tx, [node], day);
  assertNoVAfter2026([{ label: `document ${label(d)} (${node.fullCode})`, code: node.disposalCode }], day, action);
}

/** `reopenDocument`: SETTLED → IN_PROGRESS (otevření): the settlement is withdrawn, and with it a settlement-based disposal year. */
export function reopenDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  reason: string,
): Promise<StepResult> {
  const why = requiredText(reason, 'reason');
  return runStep(
    em,
    caller,
    'reopen',
    documentId,
    async (tx, d) => {
      for (const f of SETTLEMENT_FIELDS) d[f] = null;
      await refreshRetention(tx, d);
      return {
        eventType: 'Otevreni',
        description: `Document ${label(d)} reopened: ${why}`,
        fields: [...SETTLEMENT_FIELDS, ...RETENTION_FIELDS],
        extra: [{ name: 'reason', old: null, new: why }],
      };
    },
    { affectsRetention: true },
  );
}

/** `closeDocument`: SETTLED → CLOSED for a classified document outside case files. */
export function closeDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  now: Date,
): Promise<StepResult> {
  return runStep(em, caller, 'close', documentId, async (tx, d) => {
    if (d.caseFileId) {
      const caseFile = await tx.findOne(CaseFile, { id: d.caseFileId });
      throw conflict(
        `Document ${label(d)} is in case file ${caseFile?.referenceNumber ?? d.caseFileId} and closes with it`,
      );
    }
    if (!d.filingPlanNodeId) throw conflict(`Document ${label(d)} is not classified; classify it before closing`);
    await assertNodeUsable(tx, d, czechDay(now), 'closed');
    // Closed means every dispatch has left (domain.md §4.1 CLOSED).
    await assertNothingPending(tx, d);
    // A component that could not be converted to an output format keeps the document open (domain.md §5.5).
    await assertNoFailedConversion(tx, d);
    d.closedAt = now;
    return { eventType: 'Uzavreni', description: `Document ${label(d)} closed`, fields: ['closedAt'] };
  });
}

/** `cancelDocument`: REGISTERED → CANCELLED (storno). The number stays used: the series never reuses it. */
export function cancelDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  reason: string,
  now: Date,
): Promise<StepResult> {
  const why = requiredText(reason, 'reason');
  return runStep(em, caller, 'cancel', documentId, async (tx, d) => {
    // A case file is labelled with, and computes its retention from, its documents: take it out first.
    if (d.caseFileId) throw conflict(`Document ${label(d)} is in a case file; take it out before cancelling it`);
    await assertNothingPending(tx, d);
    Object.assign(d, { cancelReason: why, cancelledAt: now, cancelledById: caller.userId });
    return {
      eventType: 'Storno',
      description: `Document ${label(d)} cancelled: ${why}`,
      fields: ['cancelReason', 'cancelledAt', 'cancelledById'],
    };
  });
}

/**
 * `classifyDocument`: into an active lowest-level node of a plan valid today (filing-plans `findClassifiableNode`).
 * A document in an open case file may be classified; in a closed one it is frozen (CONFLICT).
 */
export function classifyDocument(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  filingPlanNodeId: string,
  now: Date,
): Promise<StepResult> {
  return runStep(
    em,
    caller,
    'classify',
    documentId,
    async (tx, d) => {
      if (d.caseFileId) {
        const caseFile = await tx.findOne(CaseFile, { id: d.caseFileId });
        if (caseFile?.state === 'CLOSED')
          throw conflict(`Document ${label(d)} is in the closed case file ${caseFile.referenceNumber}`);
      }
      const node = await findClassifiableNode(tx, filingPlanNodeId, czechDay(now));
      const previous = d.filingPlanNodeId ? await tx.findOne(FilingPlanNode, { id: d.filingPlanNodeId }) : null;
      d.filingPlanNodeId = node.id;
      await refreshRetention(tx, d);
      return {
        eventType: 'Uprava',
        description: `Document ${label(d)} classified as ${node.fullCode}`,
        fields: ['filingPlanNodeId', ...RETENTION_FIELDS],
        extra:
          previous?.fullCode === node.fullCode
            ? []
            : [{ name: 'fullCode', old: previous?.fullCode ?? null, new: node.fullCode }],
      };
    },
    { affectsRetention: true },
  );
}

/**
 * `recordDocumentTriggerEvent`: the date of the external trigger event (e.g. a contract ended) of a settled or
 * closed document whose schedule says EXTERNAL; its disposal year follows from it.
 */
export function recordDocumentTriggerEvent(
  em: SqlEntityManager,
  caller: TenantCaller,
  documentId: string,
  occurredOn: string,
  now: Date,
): Promise<StepResult> {
  const day = pastDay(occurredOn, 'occurredOn', czechDay(now));
  return runStep(
    em,
    caller,
    'recordTrigger',
    documentId,
    async (tx, d) => {
      const node = d.filingPlanNodeId ? await tx.findOne(FilingPlanNode, { id: d.filingPlanNodeId }) : null;
      if (scheduleOf(node)?.triggerKind !== 'EXTERNAL') {
        throw conflict(
          `The retention of document ${label(d)} is not started by an external event (its schedule: ${node ? `${node.fullCode}, ${node.triggerKind ?? 'none'}` : 'not classified'})`,
        );
      }
      d.triggerEventOn = day;
      await refreshRetention(tx, d);
      return {
        eventType: 'Uprava',
        description: `Trigger event of document ${label(d)} on ${d.triggerEventOn}`,
        fields: ['triggerEventOn', ...RETENTION_FIELDS],
      };
    },
    { affectsRetention: true },
  );
}
