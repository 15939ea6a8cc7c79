import { v5, v7 } from 'uuid';

/** Time-ordered ids (UUIDv7), made here rather than by the database so every server version agrees. */
export function newId(): string {
  return v7();
}

/** The namespace of ids derived from names (UUIDv5): Kuanxiang's own, fixed for ever. */
const derivedIdNamespace = '6f1d2c4e-8b7a-4c3e-9d1f-2a5b7c9e0f13';

/** The same id for the same name, always (UUIDv5): an id for something that is identified by other means. */
export function idFor(name: string): string {
  return v5(name, derivedIdNamespace);
}
