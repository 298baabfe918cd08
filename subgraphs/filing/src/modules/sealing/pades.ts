import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED, Signer } from '@signpdf/utils';
import { padesCms, type PadesCms } from './cms';
import type { SealSigner } from './signer';

/**
 * A PAdES seal on a PDF with @signpdf (pinned 3.3.0, CommonJS, Node ≥ 12): `plainAddPlaceholder` appends an
 * incremental update with the signature field (an invisible widget on page 1, so a PDF/A stays one), the /Sig
 * dictionary (SubFilter ETSI.CAdES.detached, /M the claimed time, /Reason, /Location) and a /ByteRange with a
 * zeroed /Contents; `SignPdf` fills the byte range and puts our CMS (cms.ts, PKI.js) into /Contents. The bytes of
 * the PDF before sealing stay the sealed file's prefix, so the unsealed version's hash can be checked on it.
 */
export const SIGNATURE_BYTES = 24_576;

class CmsSigner extends Signer {
  result: PadesCms | null = null;
  constructor(
    private readonly seal: SealSigner,
    private readonly tsaUrl: string | null,
  ) {
    super();
  }
  override async sign(content: Buffer): Promise<Buffer> {
    this.result = await padesCms(this.seal, content, { tsaUrl: this.tsaUrl });
    return this.result.der;
  }
}

export interface SealedPdf {
  pdf: Buffer;
  cms: PadesCms;
}

export async function sealPdf(
  pdf: Buffer,
  seal: SealSigner,
  opts: { name: string; reason: string; location: string; signingTime: Date; tsaUrl?: string | null },
): Promise<SealedPdf> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: opts.reason,
    contactInfo: '',
    name: opts.name,
    location: opts.location,
    signingTime: opts.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [0, 0, 0, 0],
    appName: 'Blansko records hub',
  });
  const signer = new CmsSigner(seal, opts.tsaUrl ?? null);
  const sealed = await new SignPdf().sign(withPlaceholder, signer, opts.signingTime);
  return { pdf: sealed, cms: signer.result! };
}
