import { byIdLoader, groupLoader, type SubgraphContext } from '@hub/kit';
import { CaseFile } from './modules/case-files/case-file.entity';
import { Component } from './modules/components/component.entity';
import { DeliveryProof } from './modules/dispatch/delivery-proof.entity';
import { Shipment } from './modules/dispatch/shipment.entity';
import { Document } from './modules/documents/document.entity';
import { FilingPlanNode } from './modules/filing-plans/filing-plan-node.entity';
import { FilingPlan } from './modules/filing-plans/filing-plan.entity';
import { Register } from './modules/registers/register.entity';

export function createContext(base: SubgraphContext) {
  return {
    ...base,
    /** The registration clock. A seam so tests can register on New Year's Eve or in past years. */
    now: () => new Date(),
    loaders: {
      document: byIdLoader(base.em, Document),
      register: byIdLoader(base.em, Register),
      filingPlan: byIdLoader(base.em, FilingPlan),
      filingPlanNode: byIdLoader(base.em, FilingPlanNode),
      caseFile: byIdLoader(base.em, CaseFile),
      /** A case file's documents in the order they were put in. */
      documentsByCaseFile: groupLoader(base.em, Document, 'caseFileId', { caseFileInsertedAt: 'asc', id: 'asc' }),
      /** A document's components, by order then version. */
      componentsByDocument: groupLoader(base.em, Component, 'documentId', { order: 'asc', version: 'asc' }),
      /** A document's shipments, and a shipment's delivery proofs, oldest first. */
      shipmentsByDocument: groupLoader(base.em, Shipment, 'documentId', { createdAt: 'asc', id: 'asc' }),
      proofsByShipment: groupLoader(base.em, DeliveryProof, 'shipmentId', { createdAt: 'asc', id: 'asc' }),
      nodesByPlan: groupLoader(base.em, FilingPlanNode, 'planId', { fullCode: 'asc', createdAt: 'asc' }),
      nodesByParent: groupLoader(base.em, FilingPlanNode, 'parentId', { fullCode: 'asc', createdAt: 'asc' }),
    },
  };
}

export type FilingContext = ReturnType<typeof createContext>;
