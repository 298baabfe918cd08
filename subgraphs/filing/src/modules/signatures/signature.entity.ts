import { EntitySchema } from '@mikro-orm/core';

/** What a security element is (bezpečnostní prvek): an electronic signature, an electronic seal, a time-stamp. */
export type SignatureKind = 'SIGNATURE' | 'SEAL' | 'TIMESTAMP';
/** Where it was found: in a PDF (PAdES), an attached CMS (a .p7m, the ZFO), a detached .p7s, an RFC 3161 token. */
export type SignatureFormat = 'PADES' | 'CADES' | 'CADES_DETACHED' | 'TIMESTAMP_TOKEN';
/** The result (NSESSS tVysledekOvereni): platný / neplatný / platnost nelze posoudit. */
export type SignatureResult = 'VALID' | 'INVALID' | 'INDETERMINATE';
/** Revocation of the signer's certificate as far as revocation data came with the signature (no network). */
export type RevocationState = 'NOT_CHECKED' | 'GOOD' | 'REVOKED';

/**
 * One verified signature, seal or time-stamp of a component (OvereniBezpecnostnihoPrvku of the component's
 * ManipulaceKomponenty): written by the verification job (job.ts), never changed afterwards. Tenant-owned.
 */
export class ComponentSignature {
  id!: string;
  municipalityId!: string;
  componentId!: string;
  /** Order within the component (1 = first found). */
  position!: number;
  kind!: SignatureKind;
  format!: SignatureFormat;
  result!: SignatureResult;
  /** Why it is not VALID (or what was noted on a valid one), in English. */
  reasons!: string[];
  /** The signer's (or TSA's) certificate: subject common name, subject DN, issuer DN, serial (hex), validity. */
  signerName!: string | null;
  signerSubject!: string | null;
  issuerSubject!: string | null;
  certificateSerial!: string | null;
  certificateNotBefore!: Date | null;
  certificateNotAfter!: Date | null;
  /** Claimed signing time (signingTime attribute, the PDF's /M); CasPouziti. */
  signedAt!: Date | null;
  /** Time of a time-stamp over it (or a token's genTime). */
  timeStampedAt!: Date | null;
  /** The instant the certificate's validity was judged at (PosuzovanyOkamzik): time-stamp, else claim, else now. */
  assessedAt!: Date;
  revocation!: RevocationState;
  /** CasOvereni. */
  verifiedAt!: Date;
}

export const ComponentSignatureSchema = new EntitySchema<ComponentSignature>({
  class: ComponentSignature,
  tableName: 'component_signature',
  indexes: [{ properties: ['componentId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    componentId: { type: 'uuid' },
    position: { type: 'integer' },
    kind: { type: 'string', length: 20 },
    format: { type: 'string', length: 20 },
    result: { type: 'string', length: 20 },
    reasons: { type: 'json' },
    signerName: { type: 'string', length: 255, nullable: true },
    signerSubject: { type: 'string', length: 1000, nullable: true },
    issuerSubject: { type: 'string', length: 1000, nullable: true },
    certificateSerial: { type: 'string', length: 100, nullable: true },
    certificateNotBefore: { type: 'datetime', nullable: true },
    certificateNotAfter: { type: 'datetime', nullable: true },
    signedAt: { type: 'datetime', nullable: true },
    timeStampedAt: { type: 'datetime', nullable: true },
    assessedAt: { type: 'datetime' },
    revocation: { type: 'string', length: 20 },
    verifiedAt: { type: 'datetime', length: 3 },
  },
});
