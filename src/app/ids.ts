import { v7 } from 'uuid';

/** Time-ordered ids (UUIDv7), made here rather than by the database so every server version agrees. */
export function newId(): string {
  return v7();
}
