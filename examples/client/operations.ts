/**
 * A front-end team's starting point: typed operations against the hub's client schema (schema/api.graphql).
 * `npm run codegen` generates ./gql from the `graphql(...)` calls below with graphql-codegen's client preset:
 * each document is a TypedDocumentNode (result and variables typed), and ./gql/persisted-documents.json registers
 * them for the gateway's safelist mode (HUB_OPERATION_SAFELIST). A real app keeps this file and the codegen entry
 * in its own repository; e2e/client-example runs these documents against a started hub.
 */
import { graphql } from './gql';

/** Sign in: the token goes into `Authorization: Bearer …` for every later request. */
export const SignIn = graphql(`
  mutation SignIn($login: String!, $password: String!) {
    login(login: $login, password: $password) {
      token
      expiresAt
      user {
        ...UserBadge
      }
    }
  }
`);

/** The signed-in user, as a page header shows them (their municipality needs the token: ask after signing in). */
export const UserBadge = graphql(`
  fragment UserBadge on User {
    id
    name
    roles
  }
`);

/** A page of the municipality's documents (Relay connection: pass `endCursor` as `after` for the next page). */
export const DocumentsPage = graphql(`
  query DocumentsPage($first: Int!, $after: String) {
    documents(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          pid
          referenceNumber
          subject
          state
        }
      }
    }
  }
`);
