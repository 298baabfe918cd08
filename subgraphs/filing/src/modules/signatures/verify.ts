import * as asn1js from 'asn1js';
import { webcrypto } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import type { RevocationState, SignatureFormat, SignatureKind, SignatureResult } from './signature.entity';

/**
 * Verification of signatures, seals and time-stamps in a received file (issue 17 item 1), with PKI.js over
 * Node's WebCrypto; nothing is fetched (no OCSP, no CRL download: revocation data is used when it came with the
 * signature). Found and verified:
 * - PAdES: every signature dictionary of a PDF (/ByteRange + /Contents), CAdES-detached or PKCS#7-detached, and
 *   document time-stamps (ETSI.RFC3161);
 * - CMS/CAdES with the content inside (a .p7m, a data message's ZFO) and detached (.p7s, content given by the caller);
 * - signature time-stamps (CAdES-T unsigned attribute), each as its own finding.
 * Each gets VALID, INVALID (the content changed, the signature does not verify, the certificate was expired or
 * revoked at the assessed time) or INDETERMINATE (no trust anchor, no trust store, the signed content or the
 * certificate missing) with reasons. The certificate is judged at the time-stamp's time when a valid one is
 * there, else at the claimed signing time, else now (PosuzovanyOkamzik).
 */

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never });

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signingTime: '1.2.840.113549.1.9.5',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  qcType: '0.4.0.1862.1.6',
  qcTypeEsign: '0.4.0.1862.1.6.1',
  qcTypeEseal: '0.4.0.1862.1.6.2',
  organizationIdentifier: '2.5.4.97',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  pseudonym: '2.5.4.65',
} as const;

/** Qualified CAs the hub trusts (HUB_SIGNATURE_TRUST_STORE): the anchors every chain must end at. */
export interface TrustStore {
  certificates: pkijs.Certificate[];
  /** Where they came from (for messages). */
  source: string;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out.buffer;
}

/** Certificates of PEM text (any number) or of one DER certificate. */
export function parseCertificates(content: Buffer): pkijs.Certificate[] {
  const text = content.toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) =>
      pkijs.Certificate.fromBER(toArrayBuffer(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'))),
    );
  }
  return [pkijs.Certificate.fromBER(toArrayBuffer(content))];
}

/** A trust store from a PEM bundle, or a directory of .pem/.crt/.cer files (PEM or DER). */
export function loadTrustStore(path: string): TrustStore {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => /\.(pem|crt|cer|der)$/i.test(f))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const certificates = files.flatMap((f) => parseCertificates(readFileSync(f)));
  return { certificates, source: path };
}

/** HUB_SIGNATURE_TRUST_STORE, or null when unset (then nothing can chain: signatures come out INDETERMINATE). */
export function trustStoreFromEnv(env: NodeJS.ProcessEnv = process.env): TrustStore | null {
  const path = env.HUB_SIGNATURE_TRUST_STORE?.trim();
  return path ? loadTrustStore(path) : null;
}

export interface Finding {
  kind: SignatureKind;
  format: SignatureFormat;
  result: SignatureResult;
  reasons: string[];
  signerName: string | null;
  signerSubject: string | null;
  issuerSubject: string | null;
  certificateSerial: string | null;
  certificateNotBefore: Date | null;
  certificateNotAfter: Date | null;
  signedAt: Date | null;
  timeStampedAt: Date | null;
  assessedAt: Date;
  revocation: RevocationState;
}

export interface VerifyOptions {
  trust: TrustStore | null;
  now: Date;
}

const NAME_LABELS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '2.5.4.65': 'pseudonym',
  '1.2.840.113549.1.9.1': 'E',
};

function nameValue(v: pkijs.AttributeTypeAndValue): string {
  const block = v.value as unknown as { valueBlock?: { value?: unknown } };
  return typeof block.valueBlock?.value === 'string' ? block.valueBlock.value : '';
}

/** A distinguished name as text, most significant last (RFC 4514 order). */
export function nameText(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${NAME_LABELS[tv.type] ?? tv.type}=${nameValue(tv).replace(/([,+"\\<>;])/g, '\\$1')}`)
    .reverse()
    .join(', ');
}

function commonName(name: pkijs.RelativeDistinguishedNames): string | null {
  const cn = name.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn
    ? nameValue(cn)
    : name.typesAndValues.length
      ? nameValue(name.typesAndValues[name.typesAndValues.length - 1])
      : null;
}

const hex = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');

/** Seal or signature: the certificate's QC type (ETSI EN 319 412-5), else a subject of an organization only. */
function kindOf(cert: pkijs.Certificate): SignatureKind {
  const qc = cert.extensions?.find((e) => e.extnID === OID.qcStatements);
  if (qc) {
    const text = hex(qc.extnValue.valueBlock.valueHexView);
    const oidHex = (oid: string) => hex(new asn1js.ObjectIdentifier({ value: oid }).toBER(false));
    if (text.includes(oidHex(OID.qcTypeEseal))) return 'SEAL';
    if (text.includes(oidHex(OID.qcTypeEsign))) return 'SIGNATURE';
  }
  const types = new Set(cert.subject.typesAndValues.map((tv) => tv.type));
  const person = types.has(OID.givenName) || types.has(OID.surname) || types.has(OID.pseudonym);
  return !person && types.has(OID.organizationIdentifier) ? 'SEAL' : 'SIGNATURE';
}

function certificateFacts(cert: pkijs.Certificate | null) {
  return {
    signerName: cert ? commonName(cert.subject) : null,
    signerSubject: cert ? nameText(cert.subject).slice(0, 1000) : null,
    issuerSubject: cert ? nameText(cert.issuer).slice(0, 1000) : null,
    certificateSerial: cert ? hex(cert.serialNumber.valueBlock.valueHexView).slice(0, 100) : null,
    certificateNotBefore: cert ? cert.notBefore.value : null,
    certificateNotAfter: cert ? cert.notAfter.value : null,
  };
}

function sameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  return a.isEqual(b);
}

function findSignerCertificate(sd: pkijs.SignedData, signer: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (signer.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = signer.sid;
    return certs.find((c) => sameName(c.issuer, sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // SubjectKeyIdentifier ([0] IMPLICIT OCTET STRING)
  const ski = hex((signer.sid as asn1js.Primitive).valueBlock.valueHexView);
  return (
    certs.find((c) => {
      const ext = c.extensions?.find((e) => e.extnID === '2.5.29.14');
      return ext && hex((ext.parsedValue as asn1js.OctetString).valueBlock.valueHexView) === ski;
    }) ?? null
  );
}

function attributeValue(attrs: pkijs.SignedAndUnsignedAttributes | undefined, type: string): asn1js.AsnType | null {
  return attrs?.attributes.find((a) => a.type === type)?.values[0] ?? null;
}

function signingTimeOf(signer: pkijs.SignerInfo): Date | null {
  const v: unknown = attributeValue(signer.signedAttrs, OID.signingTime);
  return v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime ? v.toDate() : null;
}

export function parseSignedData(der: Uint8Array): pkijs.SignedData | null {
  try {
    const parsed = asn1js.fromBER(toArrayBuffer(der));
    if (parsed.offset === -1) return null;
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== OID.signedData) return null;
    return new pkijs.SignedData({ schema: info.content });
  } catch {
    return null;
  }
}

/** Whether the CMS holds its content (attached) and what the content is. */
export function encapsulatedContent(sd: pkijs.SignedData): Buffer | null {
  const e = sd.encapContentInfo.eContent;
  return e ? Buffer.from(e.getValue()) : null;
}

function worst(results: SignatureResult[]): SignatureResult {
  if (results.includes('INVALID')) return 'INVALID';
  if (results.includes('INDETERMINATE')) return 'INDETERMINATE';
  return 'VALID';
}

interface Problems {
  invalid: string[];
  indeterminate: string[];
}

/** Revocation from the CRLs that came with the signature: REVOKED when listed with a date at or before `at`. */
async function revocationOf(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate | null,
  crls: pkijs.CertificateRevocationList[],
  at: Date,
  problems: Problems,
): Promise<RevocationState> {
  let state: RevocationState = 'NOT_CHECKED';
  for (const crl of crls) {
    if (!sameName(crl.issuer, cert.issuer)) continue;
    if (!issuer || !(await crl.verify({ issuerCertificate: issuer }, engine).catch(() => false))) {
      problems.indeterminate.push(
        "a CRL of the certificate's issuer came with the signature but its own signature does not verify",
      );
      continue;
    }
    const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(cert.serialNumber));
    if (entry && entry.revocationDate.value <= at) {
      problems.invalid.push(
        `the certificate was revoked on ${entry.revocationDate.value.toISOString()}, before ${at.toISOString()}`,
      );
      return 'REVOKED';
    }
    state = 'GOOD';
  }
  return state;
}

/** The chain from the certificate to a trust anchor at `at` (validity of every certificate on it included). */
async function checkChain(
  cert: pkijs.Certificate,
  others: pkijs.Certificate[],
  at: Date,
  trust: TrustStore | null,
  problems: Problems,
): Promise<pkijs.Certificate | null> {
  const issuerOf = (c: pkijs.Certificate) =>
    [...others, ...(trust?.certificates ?? [])].find((o) => o !== c && sameName(o.subject, c.issuer)) ?? null;
  if (!trust || trust.certificates.length === 0) {
    problems.indeterminate.push(
      'no trust store is configured (HUB_SIGNATURE_TRUST_STORE): the certificate cannot be chained',
    );
    return issuerOf(cert);
  }
  const chainEngine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: trust.certificates,
    certs: [cert, ...others.filter((o) => o !== cert)],
    checkDate: at,
  });
  const r = await chainEngine.verify({}, engine).catch((e: { resultMessage?: string; message?: string }) => ({
    result: false,
    resultMessage: e?.resultMessage ?? e?.message ?? String(e),
  }));
  if (!r.result) {
    const message = String(r.resultMessage ?? '');
    if (/expired|not yet valid/i.test(message))
      problems.invalid.push(`a certificate of the chain was not valid at ${at.toISOString()} (${message})`);
    else
      problems.indeterminate.push(
        `the certificate does not chain to a trusted certification authority (${message || 'no path'})`,
      );
  }
  return issuerOf(cert);
}

interface SignerVerification {
  findings: Finding[];
}

/**
 * One SignerInfo of a SignedData: integrity (message digest, signature value), certificate validity at the
 * assessed time, chain to the trust store, revocation; its signature time-stamp as a finding of its own.
 * `content` is the signed content for a detached signature (null when not found); `claimedTime` a time given
 * outside the CMS (a PDF's /M).
 */
async function verifySigner(
  sd: pkijs.SignedData,
  index: number,
  format: SignatureFormat,
  content: Buffer | null | undefined,
  opts: VerifyOptions & { claimedTime?: Date | null; extraCerts?: pkijs.Certificate[] },
): Promise<SignerVerification> {
  const signer = sd.signerInfos[index];
  const cert = findSignerCertificate(sd, signer);
  const isToken = sd.encapContentInfo.eContentType === OID.tstInfo;
  const problems: Problems = { invalid: [], indeterminate: [] };
  const findings: Finding[] = [];

  // Integrity.
  let tstTime: Date | null = null;
  if (!cert) {
    problems.indeterminate.push("the signer's certificate is not in the signature: it cannot be verified");
  } else if (content === null) {
    problems.indeterminate.push(
      'the signed content was not found (a detached signature needs its file beside it, named as the .p7s without the extension)',
    );
  } else if (isToken && content === undefined) {
    problems.indeterminate.push(
      'what this time-stamp token covers is not known here: only a time-stamp over a signature or a PDF is checked',
    );
  } else {
    const params = {
      signer: index,
      checkChain: false,
      extendedMode: true as const,
      ...(content !== undefined ? { data: toArrayBuffer(content) } : {}),
    };
    const r: pkijs.SignedDataVerifyResult | Error = await sd.verify(params, engine).catch((e: Error) => e);
    const ok = !(r instanceof Error) && r.signatureVerified === true;
    if (!ok) {
      const message = r instanceof Error ? r.message : 'the signature value does not verify';
      if (/digest doesn't match|TSTInfo verification/i.test(message))
        problems.invalid.push('the signed content was changed after signing (its hash does not match)');
      else if (/Unsupported signature algorithm/i.test(message)) problems.indeterminate.push(message);
      else
        problems.invalid.push(
          `the signature does not verify${message ? ` (${message.replace(/^Error during verification: /, '')})` : ''}`,
        );
    }
    if (isToken && sd.encapContentInfo.eContent) {
      try {
        tstTime = pkijs.TSTInfo.fromBER(sd.encapContentInfo.eContent.getValue()).genTime;
      } catch {
        problems.invalid.push('the time-stamp token holds no readable TSTInfo');
      }
    }
  }

  // Time-stamps over this signature (CAdES-T): each verified as a token over the signature value.
  let stampedAt: Date | null = null;
  for (const attr of signer.unsignedAttrs?.attributes.filter((a) => a.type === OID.signatureTimeStampToken) ?? []) {
    for (const value of attr.values) {
      const tokenSd = (() => {
        try {
          const info = new pkijs.ContentInfo({ schema: value });
          return new pkijs.SignedData({ schema: info.content });
        } catch {
          return null;
        }
      })();
      if (!tokenSd) {
        problems.indeterminate.push('a signature time-stamp is not readable');
        continue;
      }
      const token = await verifySigner(
        tokenSd,
        0,
        'TIMESTAMP_TOKEN',
        Buffer.from(signer.signature.valueBlock.valueHexView),
        { ...opts, claimedTime: null },
      );
      findings.push(...token.findings);
      const t = token.findings[0];
      if (t && t.result === 'VALID' && t.timeStampedAt && (!stampedAt || t.timeStampedAt < stampedAt))
        stampedAt = t.timeStampedAt;
    }
  }

  const signedAt = isToken ? tstTime : (signingTimeOf(signer) ?? opts.claimedTime ?? null);
  const assessedAt = (isToken ? tstTime : stampedAt) ?? signedAt ?? opts.now;
  let revocation: RevocationState = 'NOT_CHECKED';
  if (cert) {
    if (assessedAt < cert.notBefore.value || assessedAt > cert.notAfter.value) {
      problems.invalid.push(
        `the certificate was not valid at ${assessedAt.toISOString()} (valid ${cert.notBefore.value.toISOString()} – ${cert.notAfter.value.toISOString()})`,
      );
    }
    const others = [
      ...(sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate),
      ...(opts.extraCerts ?? []),
    ];
    const issuer = await checkChain(cert, others, assessedAt, opts.trust, problems);
    const crls = (sd.crls ?? []).filter(
      (c): c is pkijs.CertificateRevocationList => c instanceof pkijs.CertificateRevocationList,
    );
    revocation = await revocationOf(cert, issuer, crls, assessedAt, problems);
  }
  const result: SignatureResult = problems.invalid.length
    ? 'INVALID'
    : problems.indeterminate.length
      ? 'INDETERMINATE'
      : 'VALID';
  const own: Finding = {
    kind: isToken ? 'TIMESTAMP' : cert ? kindOf(cert) : 'SIGNATURE',
    format: isToken ? 'TIMESTAMP_TOKEN' : format,
    result,
    reasons: [...problems.invalid, ...problems.indeterminate],
    ...certificateFacts(cert),
    signedAt: isToken ? null : signedAt,
    timeStampedAt: isToken ? tstTime : stampedAt,
    assessedAt,
    revocation,
  };
  return { findings: [own, ...findings] };
}

/** Every SignerInfo of a CMS. */
export async function verifyCms(
  der: Uint8Array,
  format: SignatureFormat,
  content: Buffer | null | undefined,
  opts: VerifyOptions & { claimedTime?: Date | null },
): Promise<Finding[]> {
  const sd = parseSignedData(der);
  if (!sd) return [unreadable(format, 'the signature is not a readable CMS SignedData', opts.now)];
  const out: Finding[] = [];
  for (let i = 0; i < sd.signerInfos.length; i++)
    out.push(...(await verifySigner(sd, i, format, content, opts)).findings);
  return out;
}

function unreadable(format: SignatureFormat, reason: string, now: Date): Finding {
  return {
    kind: format === 'TIMESTAMP_TOKEN' ? 'TIMESTAMP' : 'SIGNATURE',
    format,
    result: 'INDETERMINATE',
    reasons: [reason],
    signerName: null,
    signerSubject: null,
    issuerSubject: null,
    certificateSerial: null,
    certificateNotBefore: null,
    certificateNotAfter: null,
    signedAt: null,
    timeStampedAt: null,
    assessedAt: now,
    revocation: 'NOT_CHECKED',
  };
}

/** A PDF date (D:YYYYMMDDHHmmSSOHH'mm') as a Date; null when absent or malformed. */
export function parsePdfDate(raw: string | undefined): Date | null {
  const m = raw && /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(raw);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz] = m;
  let offset = 'Z';
  if (tz && tz !== 'Z') offset = `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5) || '00'}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Signature dictionaries of a PDF: byte range, the CMS in /Contents, /SubFilter and /M. */
export function findPdfSignatures(
  pdf: Buffer,
): { range: [number, number, number, number]; cms: Buffer; subFilter: string | null; claimed: Date | null }[] {
  const text = pdf.toString('latin1');
  const out: {
    range: [number, number, number, number];
    cms: Buffer;
    subFilter: string | null;
    claimed: Date | null;
  }[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (const m of text.matchAll(re)) {
    const range = m.slice(1, 5).map(Number) as [number, number, number, number];
    const [a, b, c, d] = range;
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) continue;
    const hexText = text.slice(b + 1, c - 1).replace(/\s+/g, '');
    const raw = Buffer.from(hexText, 'hex');
    // /Contents is padded with zeros after the DER: cut at the encoded length.
    const parsed = asn1js.fromBER(toArrayBuffer(raw));
    const cms = parsed.offset > 0 ? raw.subarray(0, parsed.offset) : raw;
    // The dictionary around the byte range (PDF dictionaries of a signature are small).
    const dictStart = Math.max(text.lastIndexOf('<<', m.index!), 0);
    const around = text.slice(dictStart, b) + text.slice(c, c + 2000);
    const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(around)?.[1] ?? null;
    const claimed = parsePdfDate(/\/M\s*\((D:[^)]*)\)/.exec(around)?.[1]);
    out.push({ range, cms, subFilter, claimed });
  }
  return out;
}

/** PAdES: each signature dictionary verified over its byte range; a signature that leaves later changes uncovered is noted. */
export async function verifyPdf(pdf: Buffer, opts: VerifyOptions): Promise<Finding[]> {
  const found = findPdfSignatures(pdf);
  const out: Finding[] = [];
  const coverEnd = (r: [number, number, number, number]) => r[2] + r[3];
  const lastEnd = found.reduce((m, s) => Math.max(m, coverEnd(s.range)), 0);
  const tail = pdf.subarray(lastEnd).toString('latin1');
  for (const sig of found) {
    const [a, b, c, d] = sig.range;
    const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    const findings = await verifyCms(sig.cms, 'PADES', signed, { ...opts, claimedTime: sig.claimed });
    for (const f of findings) {
      if (f.format === 'TIMESTAMP_TOKEN' && sig.subFilter === 'ETSI.RFC3161') f.format = 'PADES';
      out.push(f);
    }
  }
  // Bytes after the last signed range other than white space: the PDF was changed after its last signature.
  if (found.length && tail.trim().length > 0) {
    const last = out.find((f) => f.format === 'PADES');
    if (last) {
      last.reasons.push('the PDF was changed after its last signature (an update not covered by any signature)');
      if (last.result === 'VALID') last.result = 'INDETERMINATE';
    }
  }
  return out;
}

export interface ComponentFile {
  bytes: Buffer;
  fileName: string;
  /** Detected media type (else the declared one). */
  mediaType: string;
}

/** Detached signature files and the name of the file they sign ("smlouva.pdf.p7s" → "smlouva.pdf"). */
export function signedFileName(fileName: string): string | null {
  const m = /^(.+)\.(p7s|sig)$/i.exec(fileName);
  return m ? m[1] : null;
}

/**
 * Everything found in one file. `sibling(name)` gives the bytes of another component of the same document by
 * file name (for a detached .p7s), or null.
 */
export async function verifyFile(
  file: ComponentFile,
  opts: VerifyOptions & { sibling?: (name: string) => Promise<Buffer | null> },
): Promise<Finding[]> {
  const { bytes } = file;
  if (bytes.subarray(0, 1024).indexOf('%PDF-') >= 0) return verifyPdf(bytes, opts);
  const sd = bytes[0] === 0x30 ? parseSignedData(bytes) : null;
  if (!sd) return [];
  if (sd.encapContentInfo.eContentType === OID.tstInfo) {
    // A standalone time-stamp token: what it stamps is not known here; the token itself is checked.
    const findings = await verifyCms(bytes, 'TIMESTAMP_TOKEN', undefined, opts).catch(() => []);
    return findings.length
      ? findings
      : [unreadable('TIMESTAMP_TOKEN', 'the time-stamp token cannot be verified', opts.now)];
  }
  if (encapsulatedContent(sd)) return verifyCms(bytes, 'CADES', undefined, opts);
  const target = signedFileName(file.fileName);
  const content = target && opts.sibling ? await opts.sibling(target) : null;
  return verifyCms(bytes, 'CADES_DETACHED', content, opts);
}

/** The component's status from its findings: NONE when nothing was found, else the worst result. */
export function statusOf(findings: Finding[]): 'NONE' | SignatureResult {
  return findings.length === 0 ? 'NONE' : worst(findings.map((f) => f.result));
}
