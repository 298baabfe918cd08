import { requireCaller } from '@hub/kit';
import type { LoanResolvers } from '../generated/graphql';
import { isOverdue } from '../modules/records-office/loans';

const user = (id: string | null) => (id ? { __typename: 'User' as const, id } : null);

export const Loan: LoanResolvers = {
  __resolveReference: (ref, ctx) => {
    if (!requireCaller(ctx).municipalityId) return null;
    return ctx.loaders.loan.load(ref.id);
  },
  item: async (loan, _, ctx) => (await ctx.loaders.recordsOfficeItem.load(loan.itemId))!,
  borrower: (loan) => user(loan.borrowerId),
  lentBy: (loan) => user(loan.lentById)!,
  returnedBy: (loan) => user(loan.returnedById),
  overdue: (loan, _, ctx) => isOverdue(loan, ctx.now()),
};
