import { useRef } from 'react';

/**
 * One Idempotency-Key per distinct request: a retry of the same body (after a network error) replays the first
 * answer instead of recording the money twice, while a corrected body after a refusal gets a fresh key.
 */
export function useIdempotencyKey(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return (body) => {
    const text = JSON.stringify(body);
    if (last.current?.body !== text) last.current = { body: text, key: crypto.randomUUID() };
    return last.current.key;
  };
}
