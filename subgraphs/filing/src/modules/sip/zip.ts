import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { BlobStore } from '../components/blob-store';
import { componentPath } from './mets';
import type { SipComponent } from './sip-source';

/**
 * The SIP as a ZIP (rules dat1–dat3): exactly one folder, named like the package (`[A-Za-z0-9_-]{1,64}`), holding
 * `mets.xml` and, with the "components" profile, `komponenty/` with each component's bytes.
 *
 * Streamed with yazl (pinned 3.3.1): entries are written one after another and each component's blob is opened
 * only when its turn comes (`addReadStreamLazy`), so a case file with 500 MB of components passes through in
 * chunks and never sits in memory; components are stored, not deflated (they are mostly PDF/A and images already
 * compressed, and storing keeps the CPU of a shared machine free). While a component streams its SHA-256 is
 * recomputed: bytes that no longer match what mets.xml declares (rule kom2) fail the stream, so the download is
 * cut instead of handing the archive a package it would reject.
 */

const SIP_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** A folder/zip name allowed by rule dat1a: ASCII letters, digits, `_` and `-`, at most 64 characters. */
export function sipName(raw: string): string {
  const name = raw
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, 64);
  if (!SIP_NAME.test(name)) throw new Error(`not a valid SIP name: ${raw}`);
  return name;
}

/** Fails the stream when the bytes passing through do not hash to `sha256` or are not `size` bytes long. */
function verifying(sha256: string, size: number, label: string): Transform {
  const hash = createHash('sha256');
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      seen += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (actual !== sha256 || seen !== size)
        done(new Error(`component ${label} does not match its record (sha256 ${actual}, ${seen} bytes)`));
      else done();
    },
  });
}

export interface SipZipInput {
  name: string;
  mets: string;
  /** Components whose bytes go into `komponenty/` (none for the metadata-only profile). */
  components: SipComponent[];
  blobs: BlobStore;
  mtime: Date;
}

/** The ZIP as a readable stream (pipe it into the response or a file). */
export function sipZipStream(input: SipZipInput): Readable {
  const folder = sipName(input.name);
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(input.mets, 'utf8'), `${folder}/mets.xml`, { mtime: input.mtime, compress: true });
  for (const c of input.components) {
    zip.addReadStreamLazy(
      `${folder}/${componentPath(c)}`,
      { mtime: c.createdAt, compress: false, size: c.size },
      (cb) => {
        try {
          const source = input.blobs.open(c.blobKey);
          const check = verifying(c.sha256, c.size, c.id);
          source.on('error', (e) => check.destroy(e));
          cb(null, source.pipe(check));
        } catch (e) {
          cb(e, undefined as never);
        }
      },
    );
  }
  zip.end();
  return zip.outputStream as Readable;
}
