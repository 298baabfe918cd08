/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/**
 * State of a document in its handling workflow (domain.md §4.1). Changed only by the intent mutations
 * (registerDraft, assignDocument, acceptDocument, returnDocument, settleDocument, reopenDocument,
 * closeDocument, cancelDocument), never set directly.
 */
export type DocumentState =
  /** Handed to an org unit / handler, not yet accepted. */
  | 'ASSIGNED'
  /** Cancelled (stornován) with a reason; its number is kept, never reused. */
  | 'CANCELLED'
  /** Closed (uzavřen): alone, or with its case file. */
  | 'CLOSED'
  /** Own document in preparation (koncept): no number yet. */
  | 'DRAFT'
  /** Předán do spisovny: on a hand-over list, waiting for the records office (handOverToRecordsOffice). */
  | 'HANDED_TO_RECORDS_OFFICE'
  /** Accepted by its handler, being handled. */
  | 'IN_PROGRESS'
  /** Převzat do spisovny: the records office has it (archives' takeOverHandOverList). */
  | 'IN_RECORDS_OFFICE'
  /** Zapůjčen: lent by the records office (archives' lendFromRecordsOffice). */
  | 'ON_LOAN'
  /** Registered: PID, register entry and reference number exist. */
  | 'REGISTERED'
  /** Settled (vyřízen): method, date and handler recorded. */
  | 'SETTLED'
  /** Předán do archivu: the archive confirmed it took it over (archives' recordTransferConfirmation, TrP Prenos). */
  | 'TRANSFERRED';

/** Roles (domain.md §7.5). All are scoped to the user's municipality, except PLATFORM_ADMIN. */
export type Role =
  /** reads the transaction log */
  | 'AUDITOR'
  /** the API client of a backup-only municipality: its own backup sets only (createBackupClient) */
  | 'BACKUP_CLIENT'
  /** zpracovatel / referent: handles documents */
  | 'CASE_HANDLER'
  /** výpravna: sends outgoing shipments */
  | 'DISPATCH_CLERK'
  /** podatelna: receives and registers incoming documents */
  | 'INTAKE_CLERK'
  /** ORP IT: tenant lifecycle; no access to records */
  | 'PLATFORM_ADMIN'
  /** správce spisové služby: filing plan, registers, numbering */
  | 'RECORDS_MANAGER'
  /** pracovník spisovny: records office, loans, disposal */
  | 'RECORDS_OFFICER'
  /** manages the users of the own municipality */
  | 'TENANT_ADMIN'
  /** vedoucí: sees and redistributes the unit's documents */
  | 'UNIT_HEAD';

export type SignInMutationVariables = Exact<{
  login: string;
  password: string;
}>;


export type SignInMutation = { login: { token: string, expiresAt: string, user: { id: string, name: string, roles: Array<Role> } } };

export type UserBadgeFragment = { id: string, name: string, roles: Array<Role> };

export type DocumentsPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type DocumentsPageQuery = { documents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, pid: string, referenceNumber: string | null, subject: string, state: DocumentState } }> } };

export const UserBadgeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserBadge"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<UserBadgeFragment, unknown>;
export const SignInDocument = {"__meta__":{"hash":"sha256:e324b9a754c3971d388e3ee37c44b5f4faf0ddf231eaf9d964ff3125a6b8d622"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"login"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"login"},"value":{"kind":"Variable","name":{"kind":"Name","value":"login"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserBadge"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserBadge"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const DocumentsPageDocument = {"__meta__":{"hash":"sha256:4a7a08d86a1d8590d947d12d4cf90e97ae7b8cdb4f6f8a548027131187814067"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DocumentsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"referenceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DocumentsPageQuery, DocumentsPageQueryVariables>;