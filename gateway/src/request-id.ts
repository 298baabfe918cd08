import { REQUEST_ID_HEADER, currentRequestId } from '@hub/kit/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { HubDataSource, type GatewayContext } from './datasource';

/**
 * The gateway's subgraph fetches with the request id (kit request-id.ts): the subgraph logs under the same id. A
 * subclass rather than a change in datasource.ts, which owns the transport.
 */
export class RequestIdDataSource extends HubDataSource {
  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    await super.willSendRequest(options);
    const id = currentRequestId();
    if (id) options.request.http?.headers.set(REQUEST_ID_HEADER, id);
  }
}
