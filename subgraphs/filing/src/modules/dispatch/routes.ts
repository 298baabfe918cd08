import {
  ErrorCode,
  badInput,
  inTransaction,
  notFound,
  recordAudit,
  scopeToTenant,
  type HubORM,
  type RouteCaller,
} from '@hub/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJsonError } from '../audit-log/export';
import { blobStoreFromEnv, type BlobStore } from '../components/blob-store';
import { routeCaller } from '../components/components';
import { UUID, answerError, sendBlob } from '../components/routes';
import { Document } from '../documents/document.entity';
import { DeliveryProof } from './delivery-proof.entity';
import { canSeeShipment } from './dispatch';
import { Shipment } from './shipment.entity';

/** `GET /downloads/delivery-proof?id=<proof id>`: a shipment's proof, to who sees the shipment; logged as a view. */
export const DELIVERY_PROOF_DOWNLOAD_PATH = '/downloads/delivery-proof';
export const proofDownloadPathOf = (p: Pick<DeliveryProof, 'id'>) => `${DELIVERY_PROOF_DOWNLOAD_PATH}?id=${p.id}`;

export function proofDownloadHandler(orm: HubORM, store: () => BlobStore = blobStoreFromEnv) {
  return async (req: IncomingMessage, res: ServerResponse, from: RouteCaller): Promise<void> => {
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return sendJsonError(res, 405, ErrorCode.BAD_USER_INPUT, 'Use GET');
      }
      const caller = routeCaller(from.caller);
      const ids = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('id');
      if (ids.length !== 1 || !UUID.test(ids[0])) throw badInput("id (the proof's id) is required once", 'id');
      const em = scopeToTenant(orm.em.fork(), caller.municipalityId);
      const proof = await em.findOne(DeliveryProof, { id: ids[0] });
      const shipment = proof ? await em.findOne(Shipment, { id: proof.shipmentId }) : null;
      const d = shipment ? await em.findOne(Document, { id: shipment.documentId }) : null;
      if (!proof || !shipment || !d || !canSeeShipment(caller, d)) throw notFound('DeliveryProof', ids[0]);
      const blobs = store();
      if (!(await blobs.exists(proof.blobKey)))
        throw new Error(`blob ${proof.blobKey} of delivery proof ${proof.id} is missing`);
      await inTransaction(em.fork(), (tx) =>
        recordAudit(tx, caller, {
          municipalityId: caller.municipalityId,
          eventType: 'Zobrazeni',
          objectType: 'Dokument',
          objectId: d.id,
          description: `Stažení dokladu o doručení ${proof.fileName} zásilky ${shipment.id} dokumentu ${d.referenceNumber ?? d.pid}`,
          changes: [
            { name: 'proofId', old: null, new: proof.id },
            { name: 'sha256', old: null, new: proof.sha256 },
          ],
        }),
      );
      await sendBlob(res, blobs, proof);
    } catch (e) {
      answerError(res, e, 'delivery proof download');
    }
  };
}

export function dispatchRoutes(orm: HubORM, store: () => BlobStore = blobStoreFromEnv) {
  return { [DELIVERY_PROOF_DOWNLOAD_PATH]: proofDownloadHandler(orm, store) };
}
