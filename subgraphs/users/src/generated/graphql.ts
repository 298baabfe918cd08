import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRecord as UserRecordModel } from '../modules/users/user-record';
import type { AuditEvent as AuditEventModel } from '@hub/kit';
import type { UsersContext } from '../context';
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

/**
 * A service account of an office app (e.g. the ISDS connector, an agenda system): it signs in with a secret
 * instead of a person's password, holds the roles a tenant admin gave it, and acts under its own login, so it
 * also resolves as a `User` (audit actors, `registeredBy`).
 */
export type ApiClient = {
  __typename?: 'ApiClient';
  /** False once revoked: the client can no longer sign in and its tokens stop working. */
  active: Scalars['Boolean']['output'];
  /** When the client was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Also the client id to sign in with (`loginApiClient`). */
  id: Scalars['ID']['output'];
  /** `<municipality prefix>api.<slug of the name>` (e.g. `mbk.api.isds-konektor`); what audit events record as the actor. */
  login: Scalars['String']['output'];
  /** Name given by the tenant admin, 1–100 characters, e.g. ISDS konektor. */
  name: Scalars['String']['output'];
  /** When it was revoked; null while active. */
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  /** The roles the client acts with (never TENANT_ADMIN or PLATFORM_ADMIN). */
  roles: Array<Role>;
  /** When its secret was last replaced (rotateApiClientSecret); null if never. */
  rotatedAt: Maybe<Scalars['DateTime']['output']>;
};

/** A new secret of an API client. It is shown this once; the hub keeps only a hash of it. */
export type ApiClientSecret = {
  __typename?: 'ApiClientSecret';
  /** The API client the secret belongs to. */
  client: ApiClient;
  /** The client id to sign in with (`loginApiClient`); the same as `client.id`. */
  clientId: Scalars['ID']['output'];
  /** The secret to sign in with; store it now, it cannot be read again (rotate it to get a new one). */
  secret: Scalars['String']['output'];
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
  /** Id of the object whose events these are. */
  objectId: Scalars['ID']['output'];
  /** Events the users subgraph wrote about the object (internal, merged into `events`). */
  usersEvents: Array<AuditEvent>;
};

/** Input of createApiClient. */
export type CreateApiClientInput = {
  /** 1–100 characters; the login is derived from it. */
  name: Scalars['String']['input'];
  /** Any roles except TENANT_ADMIN, PLATFORM_ADMIN and BACKUP_CLIENT. */
  roles: Array<Role>;
};

/** Input of createUser. */
export type CreateUserInput = {
  /**
   * 3–64 lowercase letters, digits, `.`, `_` or `-`, starting with the municipality's prefix (`mbk.`); unique
   * (CONFLICT).
   */
  login: Scalars['String']['input'];
  /** Platform admin only: the municipality of a new tenant admin. Tenant admins create users of their own municipality. */
  municipalityId?: InputMaybe<Scalars['ID']['input']>;
  /** Full name; 1–200 characters. */
  name: Scalars['String']['input'];
  /** The user's org unit, of the same municipality (BAD_USER_INPUT otherwise); tenant admins only. */
  orgUnitId?: InputMaybe<Scalars['ID']['input']>;
  /** Initial password, 10–200 characters; the hub keeps only a hash. */
  password: Scalars['String']['input'];
  /**
   * At least one role, none repeated; never PLATFORM_ADMIN or BACKUP_CLIENT. A platform admin may give
   * TENANT_ADMIN only.
   */
  roles: Array<Role>;
};

/** The outcome of a successful sign-in (`login`, `loginApiClient`). */
export type LoginResult = {
  __typename?: 'LoginResult';
  /** When the token stops working (tokens are not refreshed: sign in again). */
  expiresAt: Scalars['DateTime']['output'];
  /**
   * True after signing in with a one-time password (see `resetTenantAdmin`): it no longer works, so set a password
   * of your own with `changePassword` in this session.
   */
  passwordChangeRequired: Scalars['Boolean']['output'];
  /** Bearer token for the Authorization header. */
  token: Scalars['String']['output'];
  /** The signed-in user (or API client). */
  user: User;
};

export type Municipality = {
  __typename?: 'Municipality';
  id: Scalars['ID']['output'];
};

/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * The signed-in user's own password. `currentPassword` is required, except in the session opened with a
   * one-time password.
   */
  changePassword: Scalars['Boolean']['output'];
  /** Tenant admins: a new API client of their own municipality, with its secret (shown once). */
  createApiClient: ApiClientSecret;
  /**
   * Platform admin: the API client of a backup-only municipality (role BACKUP_CLIENT only; login
   * `<prefix>api.<slug of the name>`, e.g. `oudlh.api.zalohy`), with its secret (shown once). It can only use the
   * municipality's backup sets (archives' `backupSets`), which the platform admin cannot see. BAD_USER_INPUT for a
   * municipality that is not backup-only.
   */
  createBackupClient: ApiClientSecret;
  /**
   * Tenant admins: users of their own municipality. Platform admin: only the first tenant admin of a municipality
   * that has no users yet; later, only through `resetTenantAdmin`. Logins start with the municipality's
   * abbreviation in lower case and a dot (`mbk.`).
   */
  createUser: User;
  /** Tenant admins, own municipality. A disabled user can no longer sign in. */
  disableUser: User;
  /**
   * Anonymous: signs a person in with login and password. UNAUTHENTICATED for a wrong pair or a disabled account
   * (the message does not say which); TOO_MANY_REQUESTS after repeated failures (`extensions.retryAfter`).
   */
  login: LoginResult;
  /** Anonymous, like `login`: an API client's id and secret for a bearer token valid one hour. */
  loginApiClient: LoginResult;
  /**
   * Platform admin: when a municipality has lost access (its tenant admin left, forgot the password), disables its
   * tenant admins and creates a new one with a one-time password. Audited in the municipality with the reason and
   * visible to it (`platformActions`, the users audit trail, the transaction log).
   */
  resetTenantAdmin: TenantAdminReset;
  /** Tenant admins: the client can no longer sign in, and its tokens stop working. Idempotent. */
  revokeApiClient: ApiClient;
  /** Platform admin: locks a backup client out, like revokeApiClient. Idempotent; NOT_FOUND for any other client. */
  revokeBackupClient: ApiClient;
  /** Tenant admins: a new secret; the old one no longer signs in (tokens already issued run out within an hour). */
  rotateApiClientSecret: ApiClientSecret;
  /** Platform admin: a new secret for a backup client (a backup-only municipality has no tenant admin to do it). NOT_FOUND for any other client. */
  rotateBackupClientSecret: ApiClientSecret;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationChangePasswordArgs = {
  currentPassword?: InputMaybe<Scalars['String']['input']>;
  newPassword: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateApiClientArgs = {
  input: CreateApiClientInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateBackupClientArgs = {
  municipalityId: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationCreateUserArgs = {
  input: CreateUserInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationDisableUserArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationLoginArgs = {
  login: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationLoginApiClientArgs = {
  clientId: Scalars['ID']['input'];
  secret: Scalars['String']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationResetTenantAdminArgs = {
  input: ResetTenantAdminInput;
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRevokeApiClientArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRevokeBackupClientArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRotateApiClientSecretArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all changes; each mutation says who may call it and which error codes it may return. */
export type MutationRotateBackupClientSecretArgs = {
  id: Scalars['ID']['input'];
};

export type OrgUnit = {
  __typename?: 'OrgUnit';
  id: Scalars['ID']['output'];
};

/** The root of all reads through the gateway; each field says who may read it. */
export type Query = {
  __typename?: 'Query';
  /** Tenant admins: the API clients of their own municipality, revoked ones included. */
  apiClients: Array<ApiClient>;
  /** The signed-in user. */
  me: User;
  /**
   * Tenant admins and auditors: what platform operators did in the own municipality (its first tenant admin,
   * tenant admin resets, with their reasons), newest first. The platform operator cannot act here unseen.
   */
  platformActions: Array<AuditEvent>;
  /** One user of the caller's municipality; null when the id belongs to no user of it. */
  user: Maybe<User>;
  /** Users of the caller's municipality (any signed-in user of it). */
  users: Array<User>;
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


/** The root of all reads through the gateway; each field says who may read it. */
export type QueryUsersArgs = {
  includeDisabled?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Input of resetTenantAdmin. */
export type ResetTenantAdminInput = {
  /** The new tenant admin's login, in the municipality's namespace (e.g. `oulub.starosta`). */
  login: Scalars['String']['input'];
  /** The municipality that lost access. */
  municipalityId: Scalars['ID']['input'];
  /** Full name of the new tenant admin; 1–200 characters. */
  name: Scalars['String']['input'];
  /** Why the platform operator steps in (e.g. the municipality's written request and its reference); 10–500 characters, recorded in the audit trail. */
  reason: Scalars['String']['input'];
};

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

/** The outcome of `resetTenantAdmin`. */
export type TenantAdminReset = {
  __typename?: 'TenantAdminReset';
  /** The municipality's tenant admins the reset disabled. */
  disabledUsers: Array<User>;
  /** Shown this once; valid for one sign-in until `oneTimePasswordExpiresAt`. */
  oneTimePassword: Scalars['String']['output'];
  /** When the one-time password stops working if unused. */
  oneTimePasswordExpiresAt: Scalars['DateTime']['output'];
  /** The new tenant admin. */
  user: User;
};

/** A person who uses the hub. */
export type User = {
  __typename?: 'User';
  /** False once a tenant admin disabled the account: it can no longer sign in. */
  active: Scalars['Boolean']['output'];
  /** Opaque id (UUID) of the user; an API client's user id is its client id. */
  id: Scalars['ID']['output'];
  /**
   * Sign-in name: 3–64 lowercase letters, digits, `.`, `_` or `-`, starting with the municipality's prefix (e.g.
   * `mbk.novak`).
   */
  login: Scalars['String']['output'];
  /** Null for platform admins. */
  municipality: Maybe<Municipality>;
  /** Full name of the person (or the API client's name); 1–200 characters. */
  name: Scalars['String']['output'];
  /** The org unit the user works in; null when none was assigned (and for API clients and platform admins). */
  orgUnit: Maybe<OrgUnit>;
  /** The roles the user holds; they decide what the user may see and do. */
  roles: Array<Role>;
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
  ApiClient: ApiClient;
  AuditTrail: AuditTrail;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  ApiClient:
    ( { __typename: 'ApiClient' }
    & GraphQLRecursivePick<FederationTypes['ApiClient'], {"id":true}> );
  AuditTrail:
    ( { __typename: 'AuditTrail' }
    & GraphQLRecursivePick<FederationTypes['AuditTrail'], {"objectId":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ApiClient: ResolverTypeWrapper<ApiClient>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ApiClientSecret: ResolverTypeWrapper<ApiClientSecret>;
  AuditChange: ResolverTypeWrapper<AuditChange>;
  AuditEvent: ResolverTypeWrapper<AuditEventModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuditTrail: ResolverTypeWrapper<Omit<AuditTrail, 'usersEvents'> & { usersEvents: Array<ResolversTypes['AuditEvent']> }>;
  CreateApiClientInput: CreateApiClientInput;
  CreateUserInput: CreateUserInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  LoginResult: ResolverTypeWrapper<Omit<LoginResult, 'user'> & { user: ResolversTypes['User'] }>;
  Municipality: ResolverTypeWrapper<Municipality>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OrgUnit: ResolverTypeWrapper<OrgUnit>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ResetTenantAdminInput: ResetTenantAdminInput;
  Role: Role;
  TenantAdminReset: ResolverTypeWrapper<Omit<TenantAdminReset, 'disabledUsers' | 'user'> & { disabledUsers: Array<ResolversTypes['User']>, user: ResolversTypes['User'] }>;
  User: ResolverTypeWrapper<UserRecordModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ApiClient: ApiClient | FederationReferenceTypes['ApiClient'];
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  ApiClientSecret: ApiClientSecret;
  AuditChange: AuditChange;
  AuditEvent: AuditEventModel;
  Int: Scalars['Int']['output'];
  AuditTrail: Omit<AuditTrail, 'usersEvents'> & { usersEvents: Array<ResolversParentTypes['AuditEvent']> } | FederationReferenceTypes['AuditTrail'];
  CreateApiClientInput: CreateApiClientInput;
  CreateUserInput: CreateUserInput;
  DateTime: Scalars['DateTime']['output'];
  LoginResult: Omit<LoginResult, 'user'> & { user: ResolversParentTypes['User'] };
  Municipality: Municipality;
  Mutation: Record<PropertyKey, never>;
  OrgUnit: OrgUnit;
  Query: Record<PropertyKey, never>;
  ResetTenantAdminInput: ResetTenantAdminInput;
  TenantAdminReset: Omit<TenantAdminReset, 'disabledUsers' | 'user'> & { disabledUsers: Array<ResolversParentTypes['User']>, user: ResolversParentTypes['User'] };
  User: UserRecordModel;
}>;

export type ApiClientResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['ApiClient'] = ResolversParentTypes['ApiClient'], FederationReferenceType extends FederationReferenceTypes['ApiClient'] = FederationReferenceTypes['ApiClient']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ApiClient']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  login?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['Role']>, ParentType, ContextType>;
  rotatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type ApiClientSecretResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['ApiClientSecret'] = ResolversParentTypes['ApiClientSecret']> = ResolversObject<{
  client?: Resolver<ResolversTypes['ApiClient'], ParentType, ContextType>;
  clientId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditChangeResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['AuditChange'] = ResolversParentTypes['AuditChange']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  new?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  old?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEventResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
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

export type AuditTrailResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['AuditTrail'] = ResolversParentTypes['AuditTrail'], FederationReferenceType extends FederationReferenceTypes['AuditTrail'] = FederationReferenceTypes['AuditTrail']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditTrail']> | FederationReferenceType, FederationReferenceType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  usersEvents?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LoginResultResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['LoginResult'] = ResolversParentTypes['LoginResult']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  passwordChangeRequired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type MunicipalityResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Municipality'] = ResolversParentTypes['Municipality']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'newPassword'>>;
  createApiClient?: Resolver<ResolversTypes['ApiClientSecret'], ParentType, ContextType, RequireFields<MutationCreateApiClientArgs, 'input'>>;
  createBackupClient?: Resolver<ResolversTypes['ApiClientSecret'], ParentType, ContextType, RequireFields<MutationCreateBackupClientArgs, 'municipalityId' | 'name'>>;
  createUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationCreateUserArgs, 'input'>>;
  disableUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationDisableUserArgs, 'id'>>;
  login?: Resolver<ResolversTypes['LoginResult'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'login' | 'password'>>;
  loginApiClient?: Resolver<ResolversTypes['LoginResult'], ParentType, ContextType, RequireFields<MutationLoginApiClientArgs, 'clientId' | 'secret'>>;
  resetTenantAdmin?: Resolver<ResolversTypes['TenantAdminReset'], ParentType, ContextType, RequireFields<MutationResetTenantAdminArgs, 'input'>>;
  revokeApiClient?: Resolver<ResolversTypes['ApiClient'], ParentType, ContextType, RequireFields<MutationRevokeApiClientArgs, 'id'>>;
  revokeBackupClient?: Resolver<ResolversTypes['ApiClient'], ParentType, ContextType, RequireFields<MutationRevokeBackupClientArgs, 'id'>>;
  rotateApiClientSecret?: Resolver<ResolversTypes['ApiClientSecret'], ParentType, ContextType, RequireFields<MutationRotateApiClientSecretArgs, 'id'>>;
  rotateBackupClientSecret?: Resolver<ResolversTypes['ApiClientSecret'], ParentType, ContextType, RequireFields<MutationRotateBackupClientSecretArgs, 'id'>>;
}>;

export type OrgUnitResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['OrgUnit'] = ResolversParentTypes['OrgUnit']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  apiClients?: Resolver<Array<ResolversTypes['ApiClient']>, ParentType, ContextType>;
  me?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  platformActions?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUsersArgs, 'includeDisabled'>>;
}>;

export type TenantAdminResetResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['TenantAdminReset'] = ResolversParentTypes['TenantAdminReset']> = ResolversObject<{
  disabledUsers?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  oneTimePassword?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  oneTimePasswordExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  login?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  municipality?: Resolver<Maybe<ResolversTypes['Municipality']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orgUnit?: Resolver<Maybe<ResolversTypes['OrgUnit']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['Role']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = UsersContext> = ResolversObject<{
  ApiClient?: ApiClientResolvers<ContextType>;
  ApiClientSecret?: ApiClientSecretResolvers<ContextType>;
  AuditChange?: AuditChangeResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditTrail?: AuditTrailResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  LoginResult?: LoginResultResolvers<ContextType>;
  Municipality?: MunicipalityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OrgUnit?: OrgUnitResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  TenantAdminReset?: TenantAdminResetResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

