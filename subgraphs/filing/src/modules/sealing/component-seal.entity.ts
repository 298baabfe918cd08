import { EntitySchema } from '@mikro-orm/core';

/**
 * The municipality's electronic seal on a component version (a PAdES signature in the PDF, modules/sealing): who
 * sealed it, with which certificate, and the time-stamp when there is one. Written with the sealed version, never
 * changed. Tenant-owned.
 */
export class ComponentSeal {
  id!: string;
  municipalityId!: string;
  documentId!: string;
  /** The sealed version (ORIGINAL_OUTPUT_FORMAT). */
  componentId!: string;
  /** The version it was made from (its bytes are the sealed file's prefix). */
  sourceComponentId!: string;
  sealedAt!: Date;
  sealedById!: string;
  /** Subject of the seal's certificate, e.g. `CN=Město Blansko, O=Město Blansko, C=CZ`. */
  signer!: string;
  certificateSha256!: string;
  /** The RFC 3161 token's genTime, serial and authority, when time-stamped. */
  timeStampedAt!: Date | null;
  timeStampSerial!: string | null;
  timeStampAuthority!: string | null;
}

export const ComponentSealSchema = new EntitySchema<ComponentSeal>({
  class: ComponentSeal,
  tableName: 'component_seal',
  uniques: [{ properties: ['componentId'] }],
  indexes: [{ properties: ['documentId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityId: { type: 'uuid' },
    documentId: { type: 'uuid' },
    componentId: { type: 'uuid' },
    sourceComponentId: { type: 'uuid' },
    sealedAt: { type: 'datetime', length: 3 },
    sealedById: { type: 'uuid' },
    signer: { type: 'string', length: 500 },
    certificateSha256: { type: 'string', length: 64 },
    timeStampedAt: { type: 'datetime', length: 3, nullable: true },
    timeStampSerial: { type: 'string', length: 64, nullable: true },
    timeStampAuthority: { type: 'string', length: 500, nullable: true },
  },
});
