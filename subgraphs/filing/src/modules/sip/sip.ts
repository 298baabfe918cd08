import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  ErrorCode,
  HubError,
  Role,
  badInput,
  hasRole,
  inTransaction,
  logger,
  recordAudit,
  scopeToTenant,
  type Caller,
  type HubORM,
  type Peers,
  type RouteCaller,
  type TenantCaller,
} from '@hub/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { answerError } from '../components/routes';
import { blobStoreFromEnv, type BlobStore } from '../components/blob-store';
import { checkContentRules, type ArchiveProblem } from './content-rules';
import { allDocuments, renderMets, type SipProfile } from './mets';
import { UnclassifiedEntity, loadSipSource, type SipSource } from './sip-source';
import { sipName, sipZipStream } from './zip';

/**
 * SIPs (datové balíčky, domain.md §6.3) of the municipality's root entities (a closed case file, or a lone settled
 * document where rule obs28 still allows it), as ZIPs streamed over HTTP:
 * `GET /exports/sip?id=<case file or document id or PID>&profile=metadata|components` on filing, reached through
 * the gateway like the other downloads. `metadata` is the disposal proposal's package (skartační řízení, LABEL
 * "…provedení skartačního řízení", no `komponenty/`), `components` the transfer's (přejímka, LABEL "…předávání…",
 * with the components' bytes). Routes are exact paths in the kit, so the entity is a query parameter.
 */
export const SIP_PATH = '/exports/sip';
export const SIP_PROFILES: SipProfile[] = ['metadata', 'components'];
/** Who builds packages for the archive: the records office and the records manager (kit roles.ts). */
export const SIP_ROLES = [Role.RECORDS_OFFICER, Role.RECORDS_MANAGER];

export const sipDownloadPath = (entityId: string, profile: SipProfile) =>
  `${SIP_PATH}?id=${encodeURIComponent(entityId)}&profile=${profile}`;

export function sipCaller(caller: Caller | null | undefined): TenantCaller {
  if (caller === undefined) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Requests must come through the hub gateway');
  if (caller === null)
    throw new HubError(ErrorCode.UNAUTHENTICATED, 'Sign in first: this operation needs a valid token');
  if (!caller.municipalityId)
    throw new HubError(ErrorCode.FORBIDDEN, "Platform administrators have no access to a municipality's records");
  if (!hasRole(caller, ...SIP_ROLES))
    throw new HubError(ErrorCode.FORBIDDEN, `This needs one of the roles ${SIP_ROLES.join(', ')}`);
  return caller as TenantCaller;
}

export interface ArchiveReadiness {
  ready: boolean;
  problems: ArchiveProblem[];
}

/** What keeps the entity from going to the archive (as the disposal proposal's package), per rule. */
export async function archiveReadiness(
  em: SqlEntityManager,
  peers: Peers,
  caller: TenantCaller,
  entityId: string,
  now: Date,
): Promise<ArchiveReadiness> {
  try {
    const source = await loadSipSource(em, peers, caller.municipalityId, entityId);
    const problems = checkContentRules(source, 'metadata', now);
    return { ready: problems.length === 0, problems };
  } catch (e) {
    // Not classified: the schema's required Trideni and Vyrazovani cannot be written (val1), an answer, not an error.
    if (e instanceof UnclassifiedEntity) return { ready: false, problems: [{ rule: 'val1', message: e.message }] };
    throw e;
  }
}

export interface PreparedSip {
  name: string;
  mets: string;
  source: SipSource;
  profile: SipProfile;
}

/**
 * Everything before the first byte: loads the entity, checks the content rules (a package that breaks one is not
 * emitted: CONFLICT with the problems in `extensions.problems`), writes the `Export` event of the root entity and
 * renders mets.xml.
 *
 * The Export event is committed before streaming starts, not after: once bytes have left, the package may be in
 * the archive's hands even if the connection breaks later, and the log must not miss an export that happened; an
 * export logged that then broke off is the lesser error (the archive validates what it received).
 */
export async function prepareSip(
  em: SqlEntityManager,
  peers: Peers,
  caller: TenantCaller,
  entityId: string,
  profile: SipProfile,
  now: Date,
): Promise<PreparedSip> {
  if (!SIP_PROFILES.includes(profile)) throw badInput(`profile must be one of ${SIP_PROFILES.join(', ')}`, 'profile');
  const source = await loadSipSource(em, peers, caller.municipalityId, entityId);
  const problems = checkContentRules(source, profile, now);
  if (problems.length > 0) {
    throw new HubError(
      ErrorCode.CONFLICT,
      `The package would break the archive's rules: ${problems.map((p) => p.rule).join(', ')}`,
      { problems },
    );
  }
  const root = source.root.kind === 'CASE_FILE' ? source.root.caseFile : source.root.document;
  const name = sipName(
    `SIP_${source.originator.abbreviation}_${root.identifier.value}_${profile === 'components' ? 'P' : 'SM'}`,
  );
  await inTransaction(em.fork(), (tx) =>
    recordAudit(tx, caller, {
      municipalityId: caller.municipalityId,
      eventType: 'Export',
      objectType: source.root.kind === 'CASE_FILE' ? 'Spis' : 'Dokument',
      objectId: root.id,
      description: `Export datového balíčku SIP (${profile === 'components' ? 'přejímka, s komponentami' : 'skartační řízení, jen metadata'}) ${name}`,
      changes: [{ name: 'SIP', old: null, new: name }],
    }),
  );
  const mets = renderMets(source, {
    profile,
    now,
    objid: `${source.originator.abbreviation}-${root.identifier.value}`,
    individual: { name: caller.name ?? caller.login },
  });
  return { name, mets, source, profile };
}

/** The ZIP of a prepared SIP (component bytes only with the "components" profile). */
export function preparedSipZip(p: PreparedSip, blobs: BlobStore, now: Date) {
  return sipZipStream({
    name: p.name,
    mets: p.mets,
    components: p.profile === 'components' ? allDocuments(p.source).flatMap((d) => d.components) : [],
    blobs,
    mtime: now,
  });
}

const sipLog = logger.child({ component: 'sip' });

export interface SipRouteOptions {
  now?: () => Date;
  store?: () => BlobStore;
}

/** The handler of `GET /exports/sip` (see the top of this file). */
export function sipHandler(orm: HubORM, opts: SipRouteOptions = {}) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        throw badInput('Use GET');
      }
      const caller = sipCaller(from.caller);
      const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const ids = params.getAll('id');
      if (ids.length !== 1 || !/^[A-Za-z0-9-]{1,50}$/.test(ids[0]))
        throw badInput('id (a case file or document id or PID) is required once', 'id');
      const profiles = params.getAll('profile');
      if (profiles.length !== 1) throw badInput(`profile is required once (${SIP_PROFILES.join(' or ')})`, 'profile');
      if (!from.peers) throw new Error('the SIP route needs peers');
      const now = (opts.now ?? (() => new Date()))();
      const em = scopeToTenant(orm.em.fork(), caller.municipalityId);
      const prepared = await prepareSip(em, from.peers, caller, ids[0], profiles[0] as SipProfile, now);
      const zip = preparedSipZip(prepared, (opts.store ?? blobStoreFromEnv)(), now);
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${prepared.name}.zip"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      await pipeline(zip, res);
    } catch (e) {
      if (e instanceof HubError && e.extensions.code === ErrorCode.CONFLICT && !res.headersSent) {
        res.statusCode = 409;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ errors: [{ message: e.message, extensions: e.extensions }] }));
        return;
      }
      if (res.headersSent) sipLog.error({ err: e }, 'SIP download broke off');
      answerError(res, e, 'SIP download');
    }
  };
}

export function sipRoutes(orm: HubORM, opts: SipRouteOptions = {}) {
  return { [SIP_PATH]: sipHandler(orm, opts) };
}
