import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  RECORDS_OFFICE_STATE_CHANGE,
  badInput,
  conflict,
  inTransaction,
  notFound,
  parseDay,
  recordAudit,
  type Peers,
  type TenantCaller,
} from '@hub/kit';
import { randomUUID } from 'node:crypto';
import { assertNotInActiveProposal } from '../disposal/proposal';
import { lockItem, objectTypeOf, pragueDay, validText } from './common';
import { Loan } from './loan.entity';
import type { RecordsOfficeItem } from './records-office-item.entity';

export interface LendInput {
  entityId: string;
  /** A user of the municipality … */
  borrowerId?: string | null;
  /** … or an outside body (e.g. a court): exactly one of the two. */
  borrowerName?: string | null;
  dueOn: string;
  reason?: string | null;
}

/**
 * Lends an entity of the records office (výpůjčka) until `dueOn` (today or later). The borrower user is users'
 * and is checked there as the same caller (another municipality's user is "not found"). The item goes ON_LOAN;
 * TrP has no loan event, so the step is an `Uprava` of the entity carrying the custody change (filing then shows
 * ON_LOAN) and the loan's data. While lent, the entity cannot be returned to the office or go to disposal
 * (disposal-check.ts).
 */
export async function lendFromRecordsOffice(
  em: SqlEntityManager,
  caller: TenantCaller,
  peers: Peers,
  input: LendInput,
  now: Date,
): Promise<Loan> {
  const borrowerName = validText(input.borrowerName, 'borrowerName', 200, false);
  if (!!input.borrowerId === !!borrowerName)
    throw badInput('Give either borrowerId (a user) or borrowerName (an outside body)', 'borrowerId');
  const dueOn = parseDay(input.dueOn, 'dueOn');
  if (dueOn < pragueDay(now)) throw badInput(`dueOn must not be in the past (today is ${pragueDay(now)})`, 'dueOn');
  const reason = validText(input.reason, 'reason', 2000, false);
  if (input.borrowerId) {
    const [user] = await peers.entities('users', 'User', [input.borrowerId], 'id');
    if (!user) throw notFound('User', input.borrowerId);
  }
  return inTransaction(em, async (tx) => {
    const item = await lockItem(tx, input.entityId);
    if (item.state !== 'IN_RECORDS_OFFICE')
      throw conflict(`${item.referenceNumber} is ${item.state}: only what is in the records office is lent`);
    // In a disposal proposal the archive may ask for it any day: it stays in the records office until decided.
    await assertNotInActiveProposal(tx, item, 'lent');
    const loan = tx.create(Loan, {
      id: randomUUID(),
      municipalityId: caller.municipalityId,
      itemId: item.id,
      borrowerId: input.borrowerId ?? null,
      borrowerName,
      reason,
      dueOn,
      lentAt: now,
      lentById: caller.userId,
      returnedAt: null,
      returnedById: null,
    });
    item.state = 'ON_LOAN';
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: objectTypeOf(item),
      objectId: item.id,
      description: `${item.referenceNumber} lent until ${dueOn}${reason ? `: ${reason}` : ''}`,
      changes: [
        { name: RECORDS_OFFICE_STATE_CHANGE, old: 'IN_RECORDS_OFFICE', new: 'ON_LOAN' },
        { name: 'loanId', old: null, new: loan.id },
        { name: 'borrower', old: null, new: loan.borrowerId ?? loan.borrowerName },
        { name: 'dueOn', old: null, new: dueOn },
      ],
    });
    return loan;
  });
}

/** The lent entity is back: the loan ends, the item is IN_RECORDS_OFFICE again (`Uprava` with the custody change). */
export async function returnLoan(
  em: SqlEntityManager,
  caller: TenantCaller,
  entityId: string,
  now: Date,
): Promise<Loan> {
  return inTransaction(em, async (tx) => {
    const item: RecordsOfficeItem = await lockItem(tx, entityId);
    const loan =
      item.state === 'ON_LOAN'
        ? await tx.findOne(Loan, { itemId: item.id, returnedAt: null }, { refresh: true })
        : null;
    if (!loan) throw conflict(`${item.referenceNumber} is not on loan`);
    loan.returnedAt = now;
    loan.returnedById = caller.userId;
    item.state = 'IN_RECORDS_OFFICE';
    await tx.flush();
    await recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Uprava',
      objectType: objectTypeOf(item),
      objectId: item.id,
      description: `${item.referenceNumber} returned from loan`,
      changes: [
        { name: RECORDS_OFFICE_STATE_CHANGE, old: 'ON_LOAN', new: 'IN_RECORDS_OFFICE' },
        { name: 'loanId', old: loan.id, new: null },
        { name: 'returnedAt', old: null, new: now.toISOString() },
      ],
    });
    return loan;
  });
}

/** Loans of the caller's municipality, oldest due first: active ones, or all; `overdueOn`: active and due before that day. */
export function findLoans(em: SqlEntityManager, opts: { activeOnly: boolean; overdueOn?: string }): Promise<Loan[]> {
  const where = opts.overdueOn
    ? { returnedAt: null, dueOn: { $lt: opts.overdueOn } }
    : opts.activeOnly
      ? { returnedAt: null }
      : {};
  return em.find(Loan, where, { orderBy: [{ dueOn: 'asc' }, { lentAt: 'asc' }, { id: 'asc' }] });
}

export const isOverdue = (loan: Loan, now: Date) => loan.returnedAt == null && loan.dueOn < pragueDay(now);
