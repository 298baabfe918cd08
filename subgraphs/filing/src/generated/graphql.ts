import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Document as DocumentModel } from '../modules/documents/document.entity';
import type { Register as RegisterModel } from '../modules/registers/register.entity';
import type { AuditEvent as AuditEventModel } from '@hub/kit';
import type { FilingContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AuditChange = {
  __typename?: 'AuditChange';
  name: Scalars['String']['output'];
  new: Maybe<Scalars['String']['output']>;
  old: Maybe<Scalars['String']['output']>;
};

export type AuditEvent = {
  __typename?: 'AuditEvent';
  actor: Maybe<User>;
  actorLogin: Scalars['String']['output'];
  changes: Array<AuditChange>;
  description: Maybe<Scalars['String']['output']>;
  eventType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  objectId: Scalars['ID']['output'];
  objectType: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  sequence: Scalars['Int']['output'];
  source: Scalars['String']['output'];
};

export type AuditTrail = {
  __typename?: 'AuditTrail';
  archivesEvents: Array<AuditEvent>;
  /** All events about the object across the hub, oldest first. */
  events: Array<AuditEvent>;
  municipalitiesEvents: Array<AuditEvent>;
  objectId: Scalars['ID']['output'];
  usersEvents: Array<AuditEvent>;
};

export type CreateRegisterInput = {
  kind: RegisterKind;
  name: Scalars['String']['input'];
  referencePrefix: Scalars['String']['input'];
};

/** A registered document. */
export type Document = {
  __typename?: 'Document';
  /** When a received document reached the municipality, to the second. */
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  municipality: Municipality;
  origin: DocumentOrigin;
  /** Unique identifier bound to the document (PID, jednoznačný identifikátor): abbreviation + code, never reused. */
  pid: Scalars['String']['output'];
  /** Reference number (číslo jednací, čj), e.g. MBK 17/2026. */
  referenceNumber: Scalars['String']['output'];
  register: Register;
  registeredAt: Scalars['DateTime']['output'];
  registeredBy: User;
  sender: Maybe<Sender>;
  /** The sender's own reference number (odesílatelovo evidenční číslo). */
  senderReferenceNumber: Maybe<Scalars['String']['output']>;
  /** Number within the register and year (pořadové číslo), from 1 without gaps. */
  sequenceNumber: Scalars['Int']['output'];
  subject: Scalars['String']['output'];
  year: Scalars['Int']['output'];
};

/** Relay connection of documents, newest registration first. */
export type DocumentConnection = {
  __typename?: 'DocumentConnection';
  edges: Array<DocumentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DocumentEdge = {
  __typename?: 'DocumentEdge';
  cursor: Scalars['String']['output'];
  node: Document;
};

export type DocumentFilter = {
  registerId?: InputMaybe<Scalars['ID']['input']>;
  /** Registered at or after. */
  registeredFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Registered before. */
  registeredTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** Case-insensitive substring of the subject. */
  subjectContains?: InputMaybe<Scalars['String']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** RECEIVED: delivered to the municipality (doručený). OWN: created by it (vlastní). */
export type DocumentOrigin =
  | 'OWN'
  | 'RECEIVED';

export type Municipality = {
  __typename?: 'Municipality';
  /** The municipality's documents; only its own users may list them. */
  documents: Maybe<DocumentConnection>;
  id: Scalars['ID']['output'];
};


export type MunicipalityDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DocumentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Records managers: a new register of the own municipality. */
  createRegister: Register;
  /** Registers a document: next number of (municipality, register, year), PID and audit event, in one transaction. */
  registerDocument: RegisterDocumentPayload;
};


export type MutationCreateRegisterArgs = {
  input: CreateRegisterInput;
};


export type MutationRegisterDocumentArgs = {
  input: RegisterDocumentInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** An object's audit trail across all subgraphs (auditors, records staff and tenant admins). */
  auditTrail: AuditTrail;
  document: Maybe<Document>;
  documents: DocumentConnection;
  /** Registers of the caller's municipality. */
  registers: Array<Register>;
};


export type QueryAuditTrailArgs = {
  objectId: Scalars['ID']['input'];
};


export type QueryDocumentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DocumentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A register of documents (evidence dokumentů; its printout is the podací deník). Numbers run per register and year. */
export type Register = {
  __typename?: 'Register';
  active: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  kind: RegisterKind;
  municipality: Municipality;
  name: Scalars['String']['output'];
  /** Prefix of the numbers it gives, e.g. MBK → MBK 17/2026; FP → FP-0017/2026. */
  referencePrefix: Scalars['String']['output'];
};

export type RegisterDocumentInput = {
  /** Required for RECEIVED documents, not allowed for OWN ones. */
  deliveredAt?: InputMaybe<Scalars['DateTime']['input']>;
  origin: DocumentOrigin;
  /** Defaults to the municipality's main register. */
  registerId?: InputMaybe<Scalars['ID']['input']>;
  /** Required for RECEIVED documents. */
  sender?: InputMaybe<SenderInput>;
  senderReferenceNumber?: InputMaybe<Scalars['String']['input']>;
  subject: Scalars['String']['input'];
};

export type RegisterDocumentPayload = {
  __typename?: 'RegisterDocumentPayload';
  /** The audit event written with the registration. */
  auditEventId: Scalars['ID']['output'];
  document: Document;
};

/** Kind of register: the main podací deník (reference numbers, čj) or a separate register (samostatná evidence). */
export type RegisterKind =
  | 'MAIN'
  | 'SEPARATE';

/** Sender of a received document (odesílatel). */
export type Sender = {
  __typename?: 'Sender';
  address: Maybe<Scalars['String']['output']>;
  dataBoxId: Maybe<Scalars['String']['output']>;
  ico: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
};

export type SenderInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  dataBoxId?: InputMaybe<Scalars['String']['input']>;
  ico?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  AuditTrail: AuditTrail;
  Document: Document;
  Municipality: Municipality;
  Register: Register;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  AuditTrail:
    ( { __typename: 'AuditTrail' }
    & GraphQLRecursivePick<FederationTypes['AuditTrail'], {"objectId":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['AuditTrail'], {"municipalitiesEvents":{"id":true,"sequence":true,"occurredAt":true,"actor":{"id":true},"actorLogin":true,"eventType":true,"objectType":true,"objectId":true,"description":true,"changes":{"name":true,"old":true,"new":true},"source":true},"usersEvents":{"id":true,"sequence":true,"occurredAt":true,"actor":{"id":true},"actorLogin":true,"eventType":true,"objectType":true,"objectId":true,"description":true,"changes":{"name":true,"old":true,"new":true},"source":true},"archivesEvents":{"id":true,"sequence":true,"occurredAt":true,"actor":{"id":true},"actorLogin":true,"eventType":true,"objectType":true,"objectId":true,"description":true,"changes":{"name":true,"old":true,"new":true},"source":true}}> ) );
  Document:
    ( { __typename: 'Document' }
    & GraphQLRecursivePick<FederationTypes['Document'], {"id":true}> );
  Municipality:
    ( { __typename: 'Municipality' }
    & GraphQLRecursivePick<FederationTypes['Municipality'], {"id":true}> );
  Register:
    ( { __typename: 'Register' }
    & GraphQLRecursivePick<FederationTypes['Register'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AuditChange: ResolverTypeWrapper<AuditChange>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AuditEvent: ResolverTypeWrapper<AuditEventModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditTrail: ResolverTypeWrapper<Omit<AuditTrail, 'archivesEvents' | 'events' | 'municipalitiesEvents' | 'usersEvents'> & { archivesEvents: Array<ResolversTypes['AuditEvent']>, events: Array<ResolversTypes['AuditEvent']>, municipalitiesEvents: Array<ResolversTypes['AuditEvent']>, usersEvents: Array<ResolversTypes['AuditEvent']> }>;
  CreateRegisterInput: CreateRegisterInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Document: ResolverTypeWrapper<DocumentModel>;
  DocumentConnection: ResolverTypeWrapper<Omit<DocumentConnection, 'edges'> & { edges: Array<ResolversTypes['DocumentEdge']> }>;
  DocumentEdge: ResolverTypeWrapper<Omit<DocumentEdge, 'node'> & { node: ResolversTypes['Document'] }>;
  DocumentFilter: DocumentFilter;
  DocumentOrigin: DocumentOrigin;
  Municipality: ResolverTypeWrapper<Omit<Municipality, 'documents'> & { documents?: Maybe<ResolversTypes['DocumentConnection']> }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Register: ResolverTypeWrapper<RegisterModel>;
  RegisterDocumentInput: RegisterDocumentInput;
  RegisterDocumentPayload: ResolverTypeWrapper<Omit<RegisterDocumentPayload, 'document'> & { document: ResolversTypes['Document'] }>;
  RegisterKind: RegisterKind;
  Sender: ResolverTypeWrapper<Sender>;
  SenderInput: SenderInput;
  User: ResolverTypeWrapper<User>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuditChange: AuditChange;
  String: Scalars['String']['output'];
  AuditEvent: AuditEventModel;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AuditTrail: Omit<AuditTrail, 'archivesEvents' | 'events' | 'municipalitiesEvents' | 'usersEvents'> & { archivesEvents: Array<ResolversParentTypes['AuditEvent']>, events: Array<ResolversParentTypes['AuditEvent']>, municipalitiesEvents: Array<ResolversParentTypes['AuditEvent']>, usersEvents: Array<ResolversParentTypes['AuditEvent']> } | FederationReferenceTypes['AuditTrail'];
  CreateRegisterInput: CreateRegisterInput;
  DateTime: Scalars['DateTime']['output'];
  Document: DocumentModel;
  DocumentConnection: Omit<DocumentConnection, 'edges'> & { edges: Array<ResolversParentTypes['DocumentEdge']> };
  DocumentEdge: Omit<DocumentEdge, 'node'> & { node: ResolversParentTypes['Document'] };
  DocumentFilter: DocumentFilter;
  Municipality: Omit<Municipality, 'documents'> & { documents?: Maybe<ResolversParentTypes['DocumentConnection']> } | FederationReferenceTypes['Municipality'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Register: RegisterModel;
  RegisterDocumentInput: RegisterDocumentInput;
  RegisterDocumentPayload: Omit<RegisterDocumentPayload, 'document'> & { document: ResolversParentTypes['Document'] };
  Sender: Sender;
  SenderInput: SenderInput;
  User: User;
}>;

export type AuditChangeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditChange'] = ResolversParentTypes['AuditChange']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  new?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  old?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEventResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorLogin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['AuditChange']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  objectType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditTrailResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['AuditTrail'] = ResolversParentTypes['AuditTrail'], FederationReferenceType extends FederationReferenceTypes['AuditTrail'] = FederationReferenceTypes['AuditTrail']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditTrail']> | FederationReferenceType, FederationReferenceType, ContextType>;
  events?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DocumentResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Document'] = ResolversParentTypes['Document'], FederationReferenceType extends FederationReferenceTypes['Document'] = FederationReferenceTypes['Document']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Document']> | FederationReferenceType, FederationReferenceType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  municipality?: Resolver<ResolversTypes['Municipality'], ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['DocumentOrigin'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referenceNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  register?: Resolver<ResolversTypes['Register'], ParentType, ContextType>;
  registeredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  registeredBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  sender?: Resolver<Maybe<ResolversTypes['Sender']>, ParentType, ContextType>;
  senderReferenceNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sequenceNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DocumentConnectionResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DocumentConnection'] = ResolversParentTypes['DocumentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DocumentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DocumentEdgeResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['DocumentEdge'] = ResolversParentTypes['DocumentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
}>;

export type MunicipalityResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Municipality'] = ResolversParentTypes['Municipality'], FederationReferenceType extends FederationReferenceTypes['Municipality'] = FederationReferenceTypes['Municipality']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Municipality']> | FederationReferenceType, FederationReferenceType, ContextType>;
  documents?: Resolver<Maybe<ResolversTypes['DocumentConnection']>, ParentType, ContextType, RequireFields<MunicipalityDocumentsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createRegister?: Resolver<ResolversTypes['Register'], ParentType, ContextType, RequireFields<MutationCreateRegisterArgs, 'input'>>;
  registerDocument?: Resolver<ResolversTypes['RegisterDocumentPayload'], ParentType, ContextType, RequireFields<MutationRegisterDocumentArgs, 'input'>>;
}>;

export type PageInfoResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  auditTrail?: Resolver<ResolversTypes['AuditTrail'], ParentType, ContextType, RequireFields<QueryAuditTrailArgs, 'objectId'>>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType, RequireFields<QueryDocumentArgs, 'id'>>;
  documents?: Resolver<ResolversTypes['DocumentConnection'], ParentType, ContextType, RequireFields<QueryDocumentsArgs, 'first'>>;
  registers?: Resolver<Array<ResolversTypes['Register']>, ParentType, ContextType>;
}>;

export type RegisterResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Register'] = ResolversParentTypes['Register'], FederationReferenceType extends FederationReferenceTypes['Register'] = FederationReferenceTypes['Register']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Register']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RegisterKind'], ParentType, ContextType>;
  municipality?: Resolver<ResolversTypes['Municipality'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referencePrefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RegisterDocumentPayloadResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['RegisterDocumentPayload'] = ResolversParentTypes['RegisterDocumentPayload']> = ResolversObject<{
  auditEventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
}>;

export type SenderResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['Sender'] = ResolversParentTypes['Sender']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dataBoxId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ico?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = FilingContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = FilingContext> = ResolversObject<{
  AuditChange?: AuditChangeResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditTrail?: AuditTrailResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Document?: DocumentResolvers<ContextType>;
  DocumentConnection?: DocumentConnectionResolvers<ContextType>;
  DocumentEdge?: DocumentEdgeResolvers<ContextType>;
  Municipality?: MunicipalityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Register?: RegisterResolvers<ContextType>;
  RegisterDocumentPayload?: RegisterDocumentPayloadResolvers<ContextType>;
  Sender?: SenderResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

