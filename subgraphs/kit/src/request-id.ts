import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id that follows one client request through every process: the gateway takes the client's
 * `x-request-id` (or makes one), answers with it, and sends it to each subgraph it calls; subgraphs pass it on to
 * their peers. Every log line written while the request is served carries it (logger.ts reads it here), so one
 * request can be followed through all five logs.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What is accepted from outside: short and printable only, so a client cannot forge log structure or flood lines
 * (anything else is replaced by a fresh id, not refused: the id is for operators, not a contract).
 */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** `service`: which server of the process serves it (tests run all five in one process; logger.ts labels lines with it). */
const storage = new AsyncLocalStorage<{ requestId: string; service?: string }>();

/** The given header's value when acceptable, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/** Runs `fn` as part of request `requestId`: logs and outgoing calls made from it carry the id. */
export function withRequestId<T>(requestId: string, fn: () => T, service?: string): T {
  return storage.run({ requestId, service }, fn);
}

/** The service whose server is serving the current request, if known. */
export function currentRequestService(): string | undefined {
  return storage.getStore()?.service;
}

/** The id of the request being served, if any (background jobs have none). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Headers to add to a call made on behalf of the current request (empty outside one). */
export function requestIdHeaders(): Record<string, string> {
  const id = currentRequestId();
  return id ? { [REQUEST_ID_HEADER]: id } : {};
}
