import { ErrorCode, HubError } from '@hub/kit/gateway';

/** Which limit refused an operation: the `extensions.limit` of QUERY_TOO_COMPLEX. */
export type QueryLimitName = 'cost' | 'aliases' | 'tokens' | 'directives' | 'depth';

/**
 * A refusal by one of the gateway's query limits (query-limits.ts, depth-limit.ts). Validation rules report it
 * (Apollo then relabels it GRAPHQL_VALIDATION_FAILED; `formatQueryLimitError` gives it its code back); the cost
 * plugin throws it.
 */
export class QueryLimitError extends HubError {
  constructor(
    readonly limit: QueryLimitName,
    message: string,
  ) {
    // HTTP 400 when it ends the request before execution (Apollo would answer 500 otherwise).
    super(ErrorCode.QUERY_TOO_COMPLEX, message, { limit, http: { status: 400 } });
  }
}
