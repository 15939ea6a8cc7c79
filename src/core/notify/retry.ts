import { limits } from '../limits.js';

/**
 * When a failed outbound webhook or email is tried again: 30 s after the first failure, doubling each time up to
 * 6 h, each delay moved by up to ±20 % (`random` in [0, 1)) so receivers that failed together are not hit again
 * together. Undefined once the next try would fall after `giveUpAtMs` (enqueued + 3 days): the delivery is failed.
 */
export function nextAttemptAtMs(failedAttempts: number, nowMs: number, giveUpAtMs: number, random: number): number | undefined {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const base = Math.min(limits.notifyRetryDelayMsMin * 2 ** exponent, limits.notifyRetryDelayMsMax);
  const delay = Math.round(base * (0.8 + 0.4 * random));
  const at = nowMs + delay;
  return at > giveUpAtMs ? undefined : at;
}
