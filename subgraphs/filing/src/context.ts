import { byIdLoader, groupLoader, type SubgraphContext } from '@hub/kit';
import DataLoader from 'dataloader';
import { ComponentSignature } from './modules/signatures/signature.entity';
import { CaseFile } from './modules/case-files/case-file.entity';
import { Component } from './modules/components/component.entity';
import { ConversionJob } from './modules/conversion/conversion-job.entity';
import { ComponentSeal } from './modules/sealing/component-seal.entity';
import { DeliveryProof } from './modules/dispatch/delivery-proof.entity';
import { Shipment } from './modules/dispatch/shipment.entity';
import { DocumentKind } from './modules/document-kinds/document-kind.entity';
import { Party } from './modules/parties/party.entity';
import { Document } from './modules/documents/document.entity';
import { FilingPlanNode } from './modules/filing-plans/filing-plan-node.entity';
import { FilingPlan } from './modules/filing-plans/filing-plan.entity';
import { Register } from './modules/registers/register.entity';
import { loadHandOverList, type HandOverList } from './modules/records-office/hand-over';

export function createContext(base: SubgraphContext) {
  return {
    ...base,
    /** The registration clock. A seam so tests can register on New Year's Eve or in past years. */
    now: () => new Date(),
    loaders: {
      document: byIdLoader(base.em, Document),
      register: byIdLoader(base.em, Register),
      documentKind: byIdLoader(base.em, DocumentKind),
      filingPlan: byIdLoader(base.em, FilingPlan),
      filingPlanNode: byIdLoader(base.em, FilingPlanNode),
      caseFile: byIdLoader(base.em, CaseFile),
      /** Parties of the name register (a page of documents or shipments names each once). */
      party: byIdLoader(base.em, Party),
      /** A case file's documents in the order they were put in. */
      documentsByCaseFile: groupLoader(base.em, Document, 'caseFileId', { caseFileInsertedAt: 'asc', id: 'asc' }),
      /** A document's components, by order then version. */
      componentsByDocument: groupLoader(base.em, Component, 'documentId', { order: 'asc', version: 'asc' }),
      signaturesByComponent: groupLoader(base.em, ComponentSignature, 'componentId', { position: 'asc' }),
      /** A document's conversions to output formats (modules/conversion), oldest first. */
      conversionJobsByDocument: groupLoader(base.em, ConversionJob, 'documentId', { createdAt: 'asc', id: 'asc' }),
      /** A component version's seal (modules/sealing): a list of at most one. */
      sealsByComponent: groupLoader(base.em, ComponentSeal, 'componentId', { sealedAt: 'asc', id: 'asc' }),
      /** A document's shipments, and a shipment's delivery proofs, oldest first. */
      shipmentsByDocument: groupLoader(base.em, Shipment, 'documentId', { createdAt: 'asc', id: 'asc' }),
      proofsByShipment: groupLoader(base.em, DeliveryProof, 'shipmentId', { createdAt: 'asc', id: 'asc' }),
      nodesByPlan: groupLoader(base.em, FilingPlanNode, 'planId', { fullCode: 'asc', createdAt: 'asc' }),
      nodesByParent: groupLoader(base.em, FilingPlanNode, 'parentId', { fullCode: 'asc', createdAt: 'asc' }),
      /**
       * Hand-over lists by id, each loaded once per request: a page of documents handed over together names the same
       * list, which would otherwise be read (four statements) once per document. Only for a tenant caller.
       */
      handOverList: new DataLoader<string, HandOverList | null>((ids) =>
        Promise.all(
          ids.map((id) =>
            base.caller?.municipalityId
              ? loadHandOverList(base.em, { ...base.caller, municipalityId: base.caller.municipalityId }, id)
              : null,
          ),
        ),
      ),
    },
  };
}

export type FilingContext = ReturnType<typeof createContext>;
