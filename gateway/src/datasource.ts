import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  CALLER_HEADER,
  ErrorCode,
  GRAPHQL_ROUTE,
  HubError,
  logger,
  signCallerAssertion,
  type Caller,
} from '@hub/kit/gateway';
import type { KeyObject } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { InFlightQueries, callerKey, isMutationOperation, isQueryOperation } from './dedup';
import {
  createSubgraphTransport,
  transportOptionsFromEnv,
  type FetcherRequestInit,
  type SubgraphTransport,
  type SubgraphTransportOptions,
} from './transport';

/** What the gateway knows about a request; built from the verified bearer token. */
export type GatewayContext = {
  caller: Caller | null;
  /** The client's address (client-address.ts); subgraphs get it in the signed assertion, for sign-in throttling. */
  clientAddress?: string | null;
  /** The request's Authorization header as sent: part of the caller's identity for in-flight deduplication (dedup.ts). */
  credential?: string | null;
};

/**
 * Internal headers between willSendRequest, which knows the incoming request, and the fetcher, which sees only URL,
 * headers and body. The fetcher removes them: they never reach a subgraph (and a client cannot set them: the data
 * source builds a subgraph request's headers itself).
 */
const DEDUP_HEADER = 'x-hub-internal-dedup';
const WRITE_HEADER = 'x-hub-internal-write';

export interface HubDataSourceOptions {
  /** Pool size and timeouts of the subgraph connection (transport.ts). Default: transportOptionsFromEnv(). */
  transport?: SubgraphTransportOptions;
  /** Shared by the gateway's data sources; without it each data source deduplicates on its own. */
  inFlight?: InFlightQueries;
}

export const SERVICE_UNAVAILABLE_MESSAGE = 'A hub service is unavailable';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * A subgraph refused the request itself with GraphQL errors (HTTP 400: a variable its scalar rejects, …).
 * Those errors are the subgraph's, already masked by it: they are handed on like errors in a 200 answer.
 */
class SubgraphRequestErrors extends GraphQLError {
  constructor(readonly response: SubgraphResponse) {
    super('subgraph request errors');
  }
}

/** Statuses that mean the gateway could not use the subgraph at all, whatever the body says. */
const UNAVAILABLE_STATUSES = new Set([401, 403, 404, 405]);

/**
 * A subgraph that refuses a request as a whole because its database is unreachable or saturated (503) or because
 * the request ran over its time budget (504) says so in a GraphQL body with its own stable code: the client gets that
 * code and `retryAfter` (from the body, else the Retry-After header), not a generic "service unavailable".
 */
const RETRYABLE_CODES = new Set<string>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.TIMEOUT]);

function retryableErrors(response: FetcherResponse, errors: unknown[]): SubgraphResponse['errors'] | null {
  if (response.status !== 503 && response.status !== 504) return null;
  const header = Number(response.headers.get('retry-after'));
  const out = [];
  for (const e of errors as { message?: unknown; extensions?: Record<string, unknown> }[]) {
    const code = e?.extensions?.code;
    if (typeof code !== 'string' || !RETRYABLE_CODES.has(code) || typeof e.message !== 'string') return null;
    const retryAfter = e.extensions?.retryAfter ?? (Number.isFinite(header) && header > 0 ? header : undefined);
    out.push({ message: e.message, extensions: { code, ...(retryAfter !== undefined ? { retryAfter } : {}) } });
  }
  return out as SubgraphResponse['errors'];
}

/**
 * Sends one query-plan fetch to a subgraph. Signs the caller (or anonymity) with the gateway's private key, for
 * this subgraph's GraphQL endpoint only and for a few seconds; subgraphs refuse anything without it.
 *
 * Transport failures — connection refused, the subgraph refusing the gateway's assertion (401), a 5xx, a
 * body that is not a GraphQL response — would otherwise reach the client as
 * `request to http://127.0.0.1:4003/graphql failed, reason: connect ECONNREFUSED …` or as `401: Unauthorized`
 * with the subgraph's URL and body in `extensions.response`. They are logged here and replaced by one
 * stable error: SERVICE_UNAVAILABLE.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly transport: SubgraphTransport;
  readonly inFlight: InFlightQueries;

  constructor(
    readonly name: string,
    url: string,
    private readonly assertionKey: KeyObject,
    private readonly log: (message: string, detail: unknown) => void = defaultLog,
    options: HubDataSourceOptions = {},
  ) {
    super({ url });
    this.transport = createSubgraphTransport(url, options.transport ?? transportOptionsFromEnv());
    this.inFlight = options.inFlight ?? new InFlightQueries();
    this.fetcher = (target, init) => this.fetchFromSubgraph(target, init ?? {});
    // RemoteGraphQLDataSource's sendRequest builds a node-fetch `Request` per fetch (URL parsing, header copies) only to
    // hand it to parseBody and didEncounterError, which ignore it here: about 3 % of the gateway's CPU under the 2-hop
    // bench. The same steps without it. (The method is private in the typings, hence the assignment.)
    (this as unknown as { sendRequest: HubDataSource['leanSendRequest'] }).sendRequest = this.leanSendRequest;
  }

  /** RemoteGraphQLDataSource.sendRequest (@apollo/gateway 2.14) minus the unused node-fetch Request. */
  private async leanSendRequest(
    request: GraphQLDataSourceProcessOptions<GatewayContext>['request'],
    context: GatewayContext,
  ) {
    if (!request.http) throw new Error("Internal error: Only 'http' requests are supported.");
    const { http, ...rest } = request;
    const init = { method: http.method, headers: Object.fromEntries(http.headers), body: JSON.stringify(rest) };
    let response: FetcherResponse | undefined;
    try {
      response = await this.fetcher(http.url, init);
      if (!response.ok) throw await this.errorFromResponse(response);
      const body = await this.parseBody(response, undefined as never, context);
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new Error(`Expected JSON response body, but received: ${body}`);
      return { ...(body as object), http: response };
    } catch (error) {
      this.didEncounterError(error as Error);
      throw error;
    }
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { request, context } = options;
    request.http?.headers.set(CALLER_HEADER, await this.assertionFor(context as Partial<GatewayContext> | undefined));
    // Only requests made for an incoming operation (not the gateway's own health checks) carry its context.
    if (!('incomingRequestContext' in options) || !request.query) return;
    if (isMutationOperation(request.query)) request.http?.headers.set(WRITE_HEADER, '1');
    // Only the fetches of an incoming query: a mutation's later entity reads must see its write.
    else if (
      this.inFlight.enabled &&
      options.incomingRequestContext.operation?.operation === 'query' &&
      isQueryOperation(request.query)
    ) {
      request.http?.headers.set(DEDUP_HEADER, callerKey(context));
    }
  }

  /** Assertions signed in the current second, by caller (callerKey). */
  private assertions = { second: -1, byCaller: new Map<string, Promise<string>>() };

  /**
   * The signed caller assertion for this subgraph. An assertion carries no nonce and Ed25519 signatures are
   * deterministic: within one second (`iat`), the same caller's assertion is the same bytes whoever signs it. So it
   * is signed once per caller and second and reused (signing cost about a quarter of the gateway's CPU under load).
   */
  private assertionFor(context: Partial<GatewayContext> | undefined): Promise<string> {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== this.assertions.second) this.assertions = { second, byCaller: new Map() };
    // Context is `{}` for the gateway's own requests (health checks): those go out anonymous.
    const key = callerKey(context ?? {});
    let assertion = this.assertions.byCaller.get(key);
    if (assertion === undefined) {
      assertion = signCallerAssertion(
        context?.caller ?? null,
        this.assertionKey,
        { subgraph: this.name, route: GRAPHQL_ROUTE },
        {
          clientAddress: context?.clientAddress,
          now: second * 1000,
        },
      );
      this.assertions.byCaller.set(key, assertion);
      // A failed signature is not kept.
      assertion.catch(() => this.assertions.byCaller.get(key) === assertion && this.assertions.byCaller.delete(key));
    }
    return assertion;
  }

  /** The data source's `fetcher`: one subgraph request over the pool, shared with identical concurrent queries. */
  private async fetchFromSubgraph(url: string, init: FetcherRequestInit) {
    const headers = init.headers;
    const dedup = headers?.[DEDUP_HEADER];
    const write = headers?.[WRITE_HEADER];
    if (dedup === undefined && write === undefined) return this.transport.fetcher(url, init);
    const clean = { ...headers };
    delete clean[DEDUP_HEADER];
    delete clean[WRITE_HEADER];
    const sent = { ...init, headers: clean };
    if (write !== undefined) {
      try {
        return await this.transport.fetcher(url, sent);
      } finally {
        // Even a failed mutation may have written (a timeout after the commit).
        this.inFlight.noteWrite();
      }
    }
    const key = `${dedup}\n${url}\n${typeof init.body === 'string' ? init.body : init.body?.toString('utf8')}`;
    return (await this.inFlight.run(key, () => this.transport.send(url, sent))).response();
  }

  /** Closes the subgraph connections (the gateway's stop). */
  close(): Promise<void> {
    return this.transport.close();
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    try {
      return await super.process(options);
    } catch (e) {
      if (e instanceof SubgraphRequestErrors) return e.response;
      throw e;
    }
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch {
      body = undefined;
    }
    const errors = (body as { errors?: unknown } | undefined)?.errors;
    if (
      response.status >= 400 &&
      response.status < 500 &&
      !UNAVAILABLE_STATUSES.has(response.status) &&
      Array.isArray(errors) &&
      errors.length
    ) {
      return new SubgraphRequestErrors({ errors: errors as SubgraphResponse['errors'] });
    }
    const retryable = Array.isArray(errors) && errors.length ? retryableErrors(response, errors) : null;
    if (retryable) return new SubgraphRequestErrors({ errors: retryable });
    return new GraphQLError(`HTTP ${response.status} ${response.statusText}`, { extensions: { body } });
  }

  override didEncounterError(error: Error): void {
    if (error instanceof SubgraphRequestErrors) throw error;
    this.log(`subgraph ${this.name} (${this.url}) failed`, error);
    throw new HubError(ErrorCode.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_MESSAGE);
  }
}

const subgraphLog = logger.child({ component: 'subgraph-fetch' });

function defaultLog(message: string, error: unknown) {
  const body = (error as { extensions?: { body?: unknown } })?.extensions?.body;
  // The subgraph's answer, as an excerpt: enough to tell an HTML error page from a JSON one.
  subgraphLog.error(
    { err: error, response: body === undefined ? undefined : JSON.stringify(body).slice(0, 500) },
    message,
  );
}
