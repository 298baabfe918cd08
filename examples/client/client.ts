/**
 * The smallest typed client: sends a TypedDocumentNode to the gateway, either as text or, in safelist mode, by its
 * registered hash only (`documentId`). Result and variables are typed by the document; GraphQL errors throw with
 * their `extensions.code`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export class HubError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface HubClientOptions {
  url: string;
  token?: string;
  /** Send only the document's registered hash (the gateway's safelist mode), not its text. */
  byDocumentId?: boolean;
}

export async function request<R, V>(
  opts: HubClientOptions,
  document: TypedDocumentNode<R, V>,
  variables: V,
): Promise<R> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  const body = opts.byDocumentId && hash ? { documentId: hash, variables } : { query: print(document), variables };
  const res = await fetch(opts.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
  if (json.errors?.length) throw new HubError(json.errors[0].extensions?.code, json.errors[0].message);
  return json.data as R;
}
