import { loadSchema, type SubgraphDefinition } from '@hub/kit';
import { createContext, type FilingContext } from './context';
import { CaseFileSchema } from './modules/case-files/case-file.entity';
import { ComponentSchema } from './modules/components/component.entity';
import { ComponentSignatureSchema } from './modules/signatures/signature.entity';
import { conversionBackground } from './modules/conversion/conversion';
import { ConversionJobSchema } from './modules/conversion/conversion-job.entity';
import { ComponentSealSchema } from './modules/sealing/component-seal.entity';
import { componentRoutes } from './modules/components/routes';
import { uploadSweepBackground } from './modules/components/upload-sweep';
import { signatureVerificationBackground } from './modules/signatures/job';
import { UploadSchema } from './modules/components/upload.entity';
import { DocumentKindSchema } from './modules/document-kinds/document-kind.entity';
import { DocumentSchema } from './modules/documents/document.entity';
import { DocumentWordSchema } from './modules/documents/word.entity';
import { BlobErasureSchema, TombstoneSchema } from './modules/destruction/tombstone.entity';
import { auditLogExportRoutes } from './modules/audit-log/export';
import { ingest } from './modules/audit-log/ingest';
import { auditLogIngestRoutes } from './modules/audit-log/ingest-route';
import { LogEntrySchema } from './modules/audit-log/log-entry.entity';
import { LogRenditionSchema } from './modules/audit-log/rendition.entity';
import { renditionRoutes } from './modules/audit-log/rendition-route';
import { RENDITIONS_APPEND_ONLY } from './modules/audit-log/rendition-triggers';
import { TRANSACTION_LOG_APPEND_ONLY } from './modules/audit-log/triggers';
import { renditionBackground } from './modules/audit-log/scheduler';
import { FilingPlanNodeSchema } from './modules/filing-plans/filing-plan-node.entity';
import { FilingPlanSchema } from './modules/filing-plans/filing-plan.entity';
import { DataMessageSchema } from './modules/intake/data-message.entity';
import { DeliveryProofSchema } from './modules/dispatch/delivery-proof.entity';
import { dispatchRoutes } from './modules/dispatch/routes';
import { ShipmentSchema } from './modules/dispatch/shipment.entity';
import { PartySchema } from './modules/parties/party.entity';
import { sipRoutes } from './modules/sip/sip';
import { csvExportRoutes } from './modules/exports/csv';
import { RegisterSchema } from './modules/registers/register.entity';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';
import { upgradeData } from './upgrade';
import { webhookBackground } from './modules/webhooks/dispatcher';
import { WEBHOOK_ENTITIES } from './modules/webhooks/webhook.entity';
import { dataBoxBackground } from './modules/data-box/connector';
import { DATA_BOX_ENTITIES } from './modules/data-box/data-box.entity';

/**
 * The filing subgraph: registers (podací deník), document registration and numbering, the handling workflow,
 * filing plans and retention, case files, dispatch (shipments), the records office's forecast and the merged audit trail.
 */
export const filing: SubgraphDefinition<FilingContext> = {
  name: 'filing',
  typeDefs: loadSchema('filing'),
  resolvers,
  entities: [
    RegisterSchema,
    DocumentSchema,
    DocumentWordSchema,
    DocumentKindSchema,
    FilingPlanSchema,
    FilingPlanNodeSchema,
    CaseFileSchema,
    LogEntrySchema,
    LogRenditionSchema,
    UploadSchema,
    ComponentSchema,
    DataMessageSchema,
    ShipmentSchema,
    DeliveryProofSchema,
    PartySchema,
    TombstoneSchema,
    BlobErasureSchema,
    ConversionJobSchema,
    ComponentSealSchema,
    ComponentSignatureSchema,
    ...WEBHOOK_ENTITIES,
    ...DATA_BOX_ENTITIES,
  ],
  migrations,
  // The transaction log and its daily renditions: database triggers refuse UPDATE and DELETE.
  appendOnly: [TRANSACTION_LOG_APPEND_ONLY, RENDITIONS_APPEND_ONLY],
  createContext,
  seedDemo,
  upgradeData,
  // Filing's own audit events go into the transaction log in-process (the others POST to /internal/audit-log).
  shipAuditEvents: (orm) => async (source, events) => {
    await ingest(orm, source, events);
  },
  routes: (orm) => ({
    // The other subgraphs' outbox relays deliver their audit events here (transaction log).
    ...auditLogIngestRoutes(orm),
    ...auditLogExportRoutes(orm),
    ...renditionRoutes(orm),
    // Components' bytes: POST /uploads, GET /downloads/component (modules/components/routes.ts).
    ...componentRoutes(orm),
    // Shipments' delivery proofs: GET /downloads/delivery-proof (modules/dispatch/routes.ts).
    ...dispatchRoutes(orm),
    // SIPs for the archive: GET /exports/sip?id=…&profile=metadata|components (modules/sip/sip.ts).
    ...sipRoutes(orm),
    // CSV for analysts: GET /exports/documents.csv?filter=…, /exports/statistics.csv?input=… (modules/exports/csv.ts).
    ...csvExportRoutes(orm),
  }),
  // The log's daily renditions (modules/audit-log/scheduler.ts), the sweep of unattached uploads, webhooks (modules/webhooks), the data-box connector (modules/data-box),
  // conversions to output formats (modules/conversion), signature verification of received files (modules/signatures).
  background: (orm) => {
    const work = [
      renditionBackground(orm),
      uploadSweepBackground(orm),
      webhookBackground(orm),
      dataBoxBackground(orm),
      conversionBackground(orm),
      signatureVerificationBackground(orm),
    ];
    return { stop: async () => void (await Promise.all(work.map((w) => w.stop()))) };
  },
};
