import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Municipality as MunicipalityModel } from '../modules/municipalities/municipality.entity';
import type { OrgUnit as OrgUnitModel } from '../modules/municipalities/org-unit.entity';
import type { AuditEvent as AuditEventModel } from '@hub/kit';
import type { MunicipalitiesContext } from '../context';
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
  /** An instant, ISO 8601 with a time zone, e.g. 2026-03-02T09:15:00+01:00 */
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Archive = {
  __typename?: 'Archive';
  id: Scalars['ID']['output'];
};

/** A changed value in an audit event (old and new). */
export type AuditChange = {
  __typename?: 'AuditChange';
  /** Name of the changed field, e.g. `title`. */
  name: Scalars['String']['output'];
  /** The value after, as text (instants in ISO 8601); null when removed. */
  new: Maybe<Scalars['String']['output']>;
  /** The value before, as text (instants in ISO 8601); null when there was none. */
  old: Maybe<Scalars['String']['output']>;
};

/** One event of the transaction log (transakční protokol). */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** Who did it (`provedlKdo`); null for the system. */
  actor: Maybe<User>;
  /** Login of the user who did it, or `system`. */
  actorLogin: Scalars['String']['output'];
  /** The values that changed, old and new; empty when the event changes no field (e.g. Zobrazeni). */
  changes: Array<AuditChange>;
  /** Free-text note written with the event, if any. */
  description: Maybe<Scalars['String']['output']>;
  /** Event type as in NSESSS TrP `TypUdalostiId`, e.g. Zalozeni, Uprava. */
  eventType: Scalars['String']['output'];
  /** Opaque id (UUID) of the event. */
  id: Scalars['ID']['output'];
  /** Id of the object the event is about. */
  objectId: Scalars['ID']['output'];
  /** Object type as in NSESSS TrP `TypObjektuId`, e.g. Dokument. */
  objectType: Scalars['String']['output'];
  /** When the change was committed. */
  occurredAt: Scalars['DateTime']['output'];
  /** Position in the municipality's log of the subgraph that wrote it (`Poradi`). */
  sequence: Scalars['Int']['output'];
  /** The subgraph that wrote the event. */
  source: Scalars['String']['output'];
};

/** The audit trail of one object, merged across subgraphs by the filing subgraph. */
export type AuditTrail = {
  __typename?: 'AuditTrail';
  /** Events the municipalities subgraph wrote about the object (internal, merged into `events`). */
  municipalitiesEvents: Array<AuditEvent>;
  /** Id of the object whose events these are. */
  objectId: Scalars['ID']['output'];
};

/** Input of createMunicipality: the new tenant's identity. IČO, abbreviation and data-box id must be unique (CONFLICT). */
export type CreateMunicipalityInput = {
  /** 2–20 capital letters or digits starting with a letter, e.g. MBK; used in reference numbers and PIDs. */
  abbreviation: Scalars['String']['input'];
  /** A backup-only tenant (default false); set once, at creation. */
  backupOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** Id of the competent archive; must exist in the archives subgraph (BAD_USER_INPUT otherwise). */
  competentArchiveId?: InputMaybe<Scalars['ID']['input']>;
  /** Data-box id (ID DS): 7 lowercase letters or digits. */
  dataBoxId: Scalars['String']['input'];
  /** IČO: 8 digits with a valid check digit. */
  ico: Scalars['String']['input'];
  /** Official name; 1–200 characters after trimming. */
  name: Scalars['String']['input'];
  /** Number of inhabitants, a whole number 0–2,000,000. */
  population: Scalars['Int']['input'];
  /** Seat of the municipal office (sídlo). */
  seatAddress: PostalAddressInput;
  /** Type of the municipality. */
  type: MunicipalityType;
};

/** Input of createOrgUnit. */
export type CreateOrgUnitInput = {
  /** Short code, unique within the municipality: 1–50 letters, digits, `.`, `_` or `-`. */
  code: Scalars['String']['input'];
  /** The municipality the unit belongs to; a tenant admin may only name their own. */
  municipalityId: Scalars['ID']['input'];
  /** Name of the unit; 1–200 characters after trimming. */
  name: Scalars['String']['input'];
};

/**
 * A municipality: the tenant of the hub (veřejnoprávní původce, `Originator`). Every record belongs to one.
 * Authenticated users may read the directory; only the platform admin creates or edits municipalities.
 */
export type Municipality = {
  __typename?: 'Municipality';
  /** Abbreviation used in reference numbers and PIDs, e.g. MBK. */
  abbreviation: Scalars['String']['output'];
  /**
   * A backup-only tenant: the municipality runs its own records system and keeps only that system's backup sets
   * on the hub (archives' `backupSets`). It has no registers or users here, only a backup client (users'
   * `createBackupClient`).
   */
  backupOnly: Scalars['Boolean']['output'];
  /** The archive competent for the municipality's records (for Blansko district: SOkA Blansko). */
  competentArchive: Maybe<Archive>;
  /** Data-box id (ID DS): 7 lowercase letters and digits. */
  dataBoxId: Scalars['String']['output'];
  /** IČO: 8 digits with a valid check digit. */
  ico: Scalars['String']['output'];
  /** Opaque id (UUID) of the municipality; the tenant key of every record. */
  id: Scalars['ID']['output'];
  /** Official name, e.g. Blansko; 1–200 characters. */
  name: Scalars['String']['output'];
  /** Org units, by name; visible to the municipality's own users and the platform admin (others get FORBIDDEN). */
  orgUnits: Array<OrgUnit>;
  /** Number of inhabitants, a whole number 0–2,000,000 (as entered by the platform admin). */
  population: Scalars['Int']['output'];
  /**
   * Seat of the municipal office (sídlo); null only for a municipality created before seats were recorded that the
   * data upgrade could not fill (set it with updateMunicipality).
   */
  seatAddress: Maybe<PostalAddress>;
  /** The seat in one line, Czech postal format, e.g. "nám. Republiky 1316/1, 678 01 Blansko" (the SIP's SidloOrganizace). */
  seatAddressText: Maybe<Scalars['String']['output']>;
  /** Type of the municipality (obec I. typu, POÚ, ORP). */
  type: MunicipalityType;
};

/** Obec I. typu / obec s pověřeným obecním úřadem / obec s rozšířenou působností (ORP). */
export type MunicipalityType =
  /** Obec s pověřeným obecním úřadem (POÚ, obec II. typu). */
  | 'AUTHORIZED'
  /** Obec I. typu: a basic municipality (most small tenants; exempt from eSSL attestation without a building or registry office). */
  | 'BASIC'
  /** Obec s rozšířenou působností (ORP, obec III. typu), e.g. Blansko. */
  | 'EXTENDED';

/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Creates a municipality (tenant) and records a Zalozeni audit event. Platform admin only (FORBIDDEN otherwise).
   * Errors: BAD_USER_INPUT (a field invalid, `extensions.field` names it; unknown archive), CONFLICT (IČO,
   * abbreviation or data-box id taken).
   */
  createMunicipality: Municipality;
  /**
   * Creates an active org unit. Platform admin, or the tenant admin of that municipality (FORBIDDEN for another).
   * Errors: BAD_USER_INPUT (name or code), NOT_FOUND (municipality), CONFLICT (code taken in the municipality).
   */
  createOrgUnit: OrgUnit;
  /**
   * Changes a municipality; omitted fields stay as they are, and an Uprava audit event lists what changed.
   * Platform admin only. Errors: NOT_FOUND, BAD_USER_INPUT, CONFLICT (as createMunicipality).
   */
  updateMunicipality: Municipality;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateMunicipalityArgs = {
  input: CreateMunicipalityInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateOrgUnitArgs = {
  input: CreateOrgUnitInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationUpdateMunicipalityArgs = {
  id: Scalars['ID']['input'];
  input: UpdateMunicipalityInput;
};

/** Organizační jednotka (odbor, oddělení) of a municipality's office. */
export type OrgUnit = {
  __typename?: 'OrgUnit';
  /** False once the unit is dissolved; documents keep their link to it. */
  active: Scalars['Boolean']['output'];
  /** Short code, unique within the municipality: 1–50 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
  code: Scalars['String']['output'];
  /** Opaque id (UUID) of the org unit. */
  id: Scalars['ID']['output'];
  /** The municipality the unit belongs to. */
  municipality: Municipality;
  /** Name of the unit, e.g. Odbor výstavby; 1–200 characters. */
  name: Scalars['String']['output'];
};

/** A Czech postal address (poštovní adresa). */
export type PostalAddress = {
  __typename?: 'PostalAddress';
  /** Číslo popisné, or "ev. č. N" for a číslo evidenční. */
  houseNumber: Scalars['String']['output'];
  /** Municipality (obec). */
  municipality: Scalars['String']['output'];
  /** Part of the municipality (část obce), when it is written. */
  municipalityPart: Maybe<Scalars['String']['output']>;
  /** Číslo orientační, e.g. 12a. */
  orientationNumber: Maybe<Scalars['String']['output']>;
  /** PSČ: 5 digits. */
  postCode: Scalars['String']['output'];
  /** Street (ulice); in a village without streets, the village (or its part). */
  street: Scalars['String']['output'];
};

/** A postal address as input: texts are trimmed; the PSČ may contain a space (678 01). */
export type PostalAddressInput = {
  /** Číslo popisné, or "ev. č. N" for a číslo evidenční. Required. */
  houseNumber: Scalars['String']['input'];
  /** Municipality (obec). Required. */
  municipality: Scalars['String']['input'];
  /** Part of the municipality (část obce); optional. */
  municipalityPart?: InputMaybe<Scalars['String']['input']>;
  /** Číslo orientační, e.g. 12a; optional. */
  orientationNumber?: InputMaybe<Scalars['String']['input']>;
  /** PSČ: 5 digits, optionally with a space after the third (678 01). */
  postCode: Scalars['String']['input'];
  /** Street (ulice); in a village without streets, the village (or its part). Required. */
  street: Scalars['String']['input'];
};

/** The root of all reads through the gateway; each field says who may read it. */
export type Query = {
  __typename?: 'Query';
  /** The directory of municipalities, by name (Czech order). Any signed-in user; UNAUTHENTICATED without a token. */
  municipalities: Array<Municipality>;
  /** One municipality, or null when no municipality has this id. Any signed-in user. */
  municipality: Maybe<Municipality>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryMunicipalityArgs = {
  id: Scalars['ID']['input'];
};

/** Input of updateMunicipality: only the fields given change; the same rules as CreateMunicipalityInput apply. */
export type UpdateMunicipalityInput = {
  /** New abbreviation: 2–20 capital letters or digits; unique. Existing reference numbers keep the old one. */
  abbreviation?: InputMaybe<Scalars['String']['input']>;
  /** New competent archive; an explicit null removes it. */
  competentArchiveId?: InputMaybe<Scalars['ID']['input']>;
  /** New data-box id: 7 lowercase letters or digits; unique. */
  dataBoxId?: InputMaybe<Scalars['String']['input']>;
  /** New IČO: 8 digits with a valid check digit; unique. */
  ico?: InputMaybe<Scalars['String']['input']>;
  /** New official name; 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New number of inhabitants, 0–2,000,000. */
  population?: InputMaybe<Scalars['Int']['input']>;
  /** Replaces the whole seat address. */
  seatAddress?: InputMaybe<PostalAddressInput>;
  /** New municipality type. */
  type?: InputMaybe<MunicipalityType>;
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
  Municipality: Municipality;
  OrgUnit: OrgUnit;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  AuditTrail:
    ( { __typename: 'AuditTrail' }
    & GraphQLRecursivePick<FederationTypes['AuditTrail'], {"objectId":true}> );
  Municipality:
    ( { __typename: 'Municipality' }
    & GraphQLRecursivePick<FederationTypes['Municipality'], {"id":true}> );
  OrgUnit:
    ( { __typename: 'OrgUnit' }
    & GraphQLRecursivePick<FederationTypes['OrgUnit'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Archive: ResolverTypeWrapper<Archive>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditChange: ResolverTypeWrapper<AuditChange>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AuditEvent: ResolverTypeWrapper<AuditEventModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditTrail: ResolverTypeWrapper<Omit<AuditTrail, 'municipalitiesEvents'> & { municipalitiesEvents: Array<ResolversTypes['AuditEvent']> }>;
  CreateMunicipalityInput: CreateMunicipalityInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CreateOrgUnitInput: CreateOrgUnitInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Municipality: ResolverTypeWrapper<MunicipalityModel>;
  MunicipalityType: MunicipalityType;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OrgUnit: ResolverTypeWrapper<OrgUnitModel>;
  PostalAddress: ResolverTypeWrapper<PostalAddress>;
  PostalAddressInput: PostalAddressInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateMunicipalityInput: UpdateMunicipalityInput;
  User: ResolverTypeWrapper<User>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Archive: Archive;
  ID: Scalars['ID']['output'];
  AuditChange: AuditChange;
  String: Scalars['String']['output'];
  AuditEvent: AuditEventModel;
  Int: Scalars['Int']['output'];
  AuditTrail: Omit<AuditTrail, 'municipalitiesEvents'> & { municipalitiesEvents: Array<ResolversParentTypes['AuditEvent']> } | FederationReferenceTypes['AuditTrail'];
  CreateMunicipalityInput: CreateMunicipalityInput;
  Boolean: Scalars['Boolean']['output'];
  CreateOrgUnitInput: CreateOrgUnitInput;
  DateTime: Scalars['DateTime']['output'];
  Municipality: MunicipalityModel;
  Mutation: Record<PropertyKey, never>;
  OrgUnit: OrgUnitModel;
  PostalAddress: PostalAddress;
  PostalAddressInput: PostalAddressInput;
  Query: Record<PropertyKey, never>;
  UpdateMunicipalityInput: UpdateMunicipalityInput;
  User: User;
}>;

export type ArchiveResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['Archive'] = ResolversParentTypes['Archive']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type AuditChangeResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['AuditChange'] = ResolversParentTypes['AuditChange']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  new?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  old?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEventResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
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

export type AuditTrailResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['AuditTrail'] = ResolversParentTypes['AuditTrail'], FederationReferenceType extends FederationReferenceTypes['AuditTrail'] = FederationReferenceTypes['AuditTrail']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditTrail']> | FederationReferenceType, FederationReferenceType, ContextType>;
  municipalitiesEvents?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MunicipalityResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['Municipality'] = ResolversParentTypes['Municipality'], FederationReferenceType extends FederationReferenceTypes['Municipality'] = FederationReferenceTypes['Municipality']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Municipality']> | FederationReferenceType, FederationReferenceType, ContextType>;
  abbreviation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  backupOnly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  competentArchive?: Resolver<Maybe<ResolversTypes['Archive']>, ParentType, ContextType>;
  dataBoxId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ico?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orgUnits?: Resolver<Array<ResolversTypes['OrgUnit']>, ParentType, ContextType>;
  population?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seatAddress?: Resolver<Maybe<ResolversTypes['PostalAddress']>, ParentType, ContextType>;
  seatAddressText?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['MunicipalityType'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createMunicipality?: Resolver<ResolversTypes['Municipality'], ParentType, ContextType, RequireFields<MutationCreateMunicipalityArgs, 'input'>>;
  createOrgUnit?: Resolver<ResolversTypes['OrgUnit'], ParentType, ContextType, RequireFields<MutationCreateOrgUnitArgs, 'input'>>;
  updateMunicipality?: Resolver<ResolversTypes['Municipality'], ParentType, ContextType, RequireFields<MutationUpdateMunicipalityArgs, 'id' | 'input'>>;
}>;

export type OrgUnitResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['OrgUnit'] = ResolversParentTypes['OrgUnit'], FederationReferenceType extends FederationReferenceTypes['OrgUnit'] = FederationReferenceTypes['OrgUnit']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['OrgUnit']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  municipality?: Resolver<ResolversTypes['Municipality'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PostalAddressResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['PostalAddress'] = ResolversParentTypes['PostalAddress']> = ResolversObject<{
  houseNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  municipality?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  municipalityPart?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  orientationNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  street?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  municipalities?: Resolver<Array<ResolversTypes['Municipality']>, ParentType, ContextType>;
  municipality?: Resolver<Maybe<ResolversTypes['Municipality']>, ParentType, ContextType, RequireFields<QueryMunicipalityArgs, 'id'>>;
}>;

export type UserResolvers<ContextType = MunicipalitiesContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = MunicipalitiesContext> = ResolversObject<{
  Archive?: ArchiveResolvers<ContextType>;
  AuditChange?: AuditChangeResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditTrail?: AuditTrailResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Municipality?: MunicipalityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OrgUnit?: OrgUnitResolvers<ContextType>;
  PostalAddress?: PostalAddressResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

