import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Archive as ArchiveModel } from '../modules/archives/archive.entity';
import type { DisposalHold as DisposalHoldModel } from '../modules/disposal-holds/disposal-hold.entity';
import type { AuditEvent as AuditEventModel } from '@hub/kit';
import type { ArchivesContext } from '../context';
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

/** An archive institution (e.g. SOkA Blansko of the Moravian Land Archive). */
export type Archive = {
  __typename?: 'Archive';
  abbreviation: Scalars['String']['output'];
  address: Scalars['String']['output'];
  dataBoxId: Scalars['String']['output'];
  email: Maybe<Scalars['String']['output']>;
  ico: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
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
  objectId: Scalars['ID']['output'];
};

/**
 * A disposal hold (pozastavení skartační operace): while active, the document may not be destroyed or
 * transferred. Owned by archives; the document is filing's.
 */
export type DisposalHold = {
  __typename?: 'DisposalHold';
  active: Scalars['Boolean']['output'];
  document: Document;
  id: Scalars['ID']['output'];
  placedAt: Scalars['DateTime']['output'];
  placedBy: User;
  reason: Scalars['String']['output'];
  releaseReason: Maybe<Scalars['String']['output']>;
  releasedAt: Maybe<Scalars['DateTime']['output']>;
  releasedBy: Maybe<User>;
};

export type Document = {
  __typename?: 'Document';
  /** Disposal holds on the document, newest first. */
  disposalHolds: Array<DisposalHold>;
  id: Scalars['ID']['output'];
};


export type DocumentDisposalHoldsArgs = {
  includeReleased?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Records officers and managers, own municipality's documents. */
  placeDisposalHold: DisposalHold;
  releaseDisposalHold: DisposalHold;
};


export type MutationPlaceDisposalHoldArgs = {
  documentId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationReleaseDisposalHoldArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  archives: Array<Archive>;
  /** Disposal holds of the caller's municipality, newest first. */
  disposalHolds: Array<DisposalHold>;
};


export type QueryDisposalHoldsArgs = {
  includeReleased?: InputMaybe<Scalars['Boolean']['input']>;
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
  Archive: Archive;
  AuditTrail: AuditTrail;
  DisposalHold: DisposalHold;
  Document: Document;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Archive:
    ( { __typename: 'Archive' }
    & GraphQLRecursivePick<FederationTypes['Archive'], {"id":true}> );
  AuditTrail:
    ( { __typename: 'AuditTrail' }
    & GraphQLRecursivePick<FederationTypes['AuditTrail'], {"objectId":true}> );
  DisposalHold:
    ( { __typename: 'DisposalHold' }
    & GraphQLRecursivePick<FederationTypes['DisposalHold'], {"id":true}> );
  Document:
    ( { __typename: 'Document' }
    & GraphQLRecursivePick<FederationTypes['Document'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Archive: ResolverTypeWrapper<ArchiveModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditChange: ResolverTypeWrapper<AuditChange>;
  AuditEvent: ResolverTypeWrapper<AuditEventModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditTrail: ResolverTypeWrapper<Omit<AuditTrail, 'archivesEvents'> & { archivesEvents: Array<ResolversTypes['AuditEvent']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DisposalHold: ResolverTypeWrapper<DisposalHoldModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Document: ResolverTypeWrapper<Omit<Document, 'disposalHolds'> & { disposalHolds: Array<ResolversTypes['DisposalHold']> }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<User>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Archive: ArchiveModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AuditChange: AuditChange;
  AuditEvent: AuditEventModel;
  Int: Scalars['Int']['output'];
  AuditTrail: Omit<AuditTrail, 'archivesEvents'> & { archivesEvents: Array<ResolversParentTypes['AuditEvent']> } | FederationReferenceTypes['AuditTrail'];
  DateTime: Scalars['DateTime']['output'];
  DisposalHold: DisposalHoldModel;
  Boolean: Scalars['Boolean']['output'];
  Document: Omit<Document, 'disposalHolds'> & { disposalHolds: Array<ResolversParentTypes['DisposalHold']> } | FederationReferenceTypes['Document'];
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  User: User;
}>;

export type ArchiveResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Archive'] = ResolversParentTypes['Archive'], FederationReferenceType extends FederationReferenceTypes['Archive'] = FederationReferenceTypes['Archive']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Archive']> | FederationReferenceType, FederationReferenceType, ContextType>;
  abbreviation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dataBoxId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ico?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditChangeResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['AuditChange'] = ResolversParentTypes['AuditChange']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  new?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  old?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEventResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
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

export type AuditTrailResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['AuditTrail'] = ResolversParentTypes['AuditTrail'], FederationReferenceType extends FederationReferenceTypes['AuditTrail'] = FederationReferenceTypes['AuditTrail']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditTrail']> | FederationReferenceType, FederationReferenceType, ContextType>;
  archivesEvents?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DisposalHoldResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['DisposalHold'] = ResolversParentTypes['DisposalHold'], FederationReferenceType extends FederationReferenceTypes['DisposalHold'] = FederationReferenceTypes['DisposalHold']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['DisposalHold']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  placedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  placedBy?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releaseReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  releasedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  releasedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type DocumentResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Document'] = ResolversParentTypes['Document'], FederationReferenceType extends FederationReferenceTypes['Document'] = FederationReferenceTypes['Document']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Document']> | FederationReferenceType, FederationReferenceType, ContextType>;
  disposalHolds?: Resolver<Array<ResolversTypes['DisposalHold']>, ParentType, ContextType, RequireFields<DocumentDisposalHoldsArgs, 'includeReleased'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  placeDisposalHold?: Resolver<ResolversTypes['DisposalHold'], ParentType, ContextType, RequireFields<MutationPlaceDisposalHoldArgs, 'documentId' | 'reason'>>;
  releaseDisposalHold?: Resolver<ResolversTypes['DisposalHold'], ParentType, ContextType, RequireFields<MutationReleaseDisposalHoldArgs, 'id' | 'reason'>>;
}>;

export type QueryResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  archives?: Resolver<Array<ResolversTypes['Archive']>, ParentType, ContextType>;
  disposalHolds?: Resolver<Array<ResolversTypes['DisposalHold']>, ParentType, ContextType, RequireFields<QueryDisposalHoldsArgs, 'includeReleased'>>;
}>;

export type UserResolvers<ContextType = ArchivesContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ArchivesContext> = ResolversObject<{
  Archive?: ArchiveResolvers<ContextType>;
  AuditChange?: AuditChangeResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditTrail?: AuditTrailResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DisposalHold?: DisposalHoldResolvers<ContextType>;
  Document?: DocumentResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

