/**
 * Safelist mode ("trusted documents"): only operations registered in advance run. The register is the
 * `persisted-documents.json` that graphql-codegen's client preset writes next to a client's typed operations
 * (sha256 of each document → its text; see examples/client), so a front-end team registers its operations by
 * building its client and handing the file to the operator. Everything else is refused before planning, so an
 * attacker holding a valid token can no longer send arbitrary (expensive, probing) operations.
 *
 * A client names a registered document by `documentId` ("sha256:<hex>" or the bare hex, as in the GraphQL over
 * HTTP persisted-documents proposal) or by Apollo's APQ extension hash, or sends its exact text. Automatic
 * persisted queries cannot register anything new here: a hash is looked up in the file, never learnt.
 */
import { ErrorCode, RequestError } from '@hub/kit/gateway';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

export class OperationSafelist {
  private readonly byHash: Map<string, string>;

  constructor(documents: Record<string, string>) {
    this.byHash = new Map();
    for (const [key, text] of Object.entries(documents)) {
      const hash = key.replace(/^sha256:/, '');
      // A register whose keys are not the sha256 of their text would let a client run text it never named.
      if (typeof text !== 'string' || sha256(text) !== hash)
        throw new Error(`safelist entry ${key.slice(0, 23)}… is not the sha256 of its document`);
      this.byHash.set(hash, text);
    }
  }

  /** Reads a client preset manifest (`persisted-documents.json`: "sha256:<hex>" → text). */
  static fromFile(path: string): OperationSafelist {
    return new OperationSafelist(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
  }

  get size(): number {
    return this.byHash.size;
  }

  /**
   * The request body to execute: the registered text filled in for a `documentId` or APQ hash, the body as it is
   * when its text is registered; otherwise OPERATION_NOT_ALLOWED. Operations in a GET query string are refused
   * too (they would pass beside the body), so registered operations are sent by POST.
   */
  admit(req: IncomingMessage, body: unknown): unknown {
    if (new URL(req.url ?? '/', 'http://localhost').searchParams.has('query') || req.method !== 'POST') {
      throw new RequestError(ErrorCode.OPERATION_NOT_ALLOWED, 'Only registered operations run here: send them by POST');
    }
    return Array.isArray(body) ? body.map((one) => this.admitOne(one)) : this.admitOne(body);
  }

  private admitOne(body: unknown): unknown {
    if (!body || typeof body !== 'object') return body; // Apollo refuses a malformed body with its own message.
    const { query, documentId, extensions } = body as {
      query?: unknown;
      documentId?: unknown;
      extensions?: { persistedQuery?: { sha256Hash?: unknown } };
    };
    if (typeof query === 'string') {
      if (this.byHash.has(sha256(query))) return body;
      throw new RequestError(
        ErrorCode.OPERATION_NOT_ALLOWED,
        'This operation is not registered on the hub (safelist mode)',
      );
    }
    const named =
      typeof documentId === 'string' ? documentId.replace(/^sha256:/, '') : extensions?.persistedQuery?.sha256Hash;
    const text = typeof named === 'string' && HEX_SHA256.test(named) ? this.byHash.get(named) : undefined;
    if (text === undefined)
      throw new RequestError(
        ErrorCode.OPERATION_NOT_ALLOWED,
        'No registered operation has this document id (safelist mode)',
      );
    const { documentId: _id, ...rest } = body as Record<string, unknown>;
    // Apollo checks an APQ hash against the text it is given: the registered text matches by construction.
    return { ...rest, query: text };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** HUB_OPERATION_SAFELIST: the path of a persisted-documents.json; unset, any operation within the limits runs. */
export function safelistFromEnv(env: NodeJS.ProcessEnv = process.env): OperationSafelist | undefined {
  const path = env.HUB_OPERATION_SAFELIST?.trim();
  return path ? OperationSafelist.fromFile(path) : undefined;
}
