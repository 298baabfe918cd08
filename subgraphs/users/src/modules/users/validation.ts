import { Role, badInput } from '@hub/kit';

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export interface NewUserFields {
  login: string;
  name: string;
  password: string;
  roles: readonly Role[];
}

/** Checks the fields of a new user; returns them normalised (name trimmed). Throws BAD_USER_INPUT naming the field. */
export function validateNewUser(input: NewUserFields): NewUserFields {
  if (!LOGIN_PATTERN.test(input.login)) {
    throw badInput('login must be 3–64 lowercase letters, digits, . _ -, starting with a letter or digit', 'login');
  }
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) throw badInput('name must be 1–200 characters', 'name');
  if (input.password.length < 10 || input.password.length > 200) {
    throw badInput('password must be 10–200 characters', 'password');
  }
  if (input.roles.length === 0) throw badInput('a user needs at least one role', 'roles');
  if (new Set(input.roles).size !== input.roles.length) throw badInput('roles must not repeat', 'roles');
  // Platform operators are not users of a municipality; they are set up by the operator, not through the API.
  if (input.roles.includes(Role.PLATFORM_ADMIN)) throw badInput('PLATFORM_ADMIN cannot be assigned to a user', 'roles');
  // The backup role belongs to a backup-only municipality's API client (createBackupClient), never to a person.
  if (input.roles.includes(Role.BACKUP_CLIENT)) throw badInput('BACKUP_CLIENT cannot be assigned to a user', 'roles');
  return { ...input, name };
}
