import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** What the server says changed (GET /api/v1/live): names and ids only — pages refetch what they show. */
export interface LiveChange {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  customerId: string | null;
  occurredAt: string;
}

/** A change, or null: the stream came back after a break, and anything may have changed meanwhile. */
type Listener = (change: LiveChange | null) => void;

interface Live {
  subscribe: (listener: Listener) => () => void;
  connected: boolean;
}

const LiveContext = createContext<Live>({ subscribe: () => () => undefined, connected: false });

/**
 * One EventSource per signed-in tab, shared by every page through context. The browser reconnects by itself
 * (the server asks for 3 s); after a reconnect listeners are told to reload, since changes during the break
 * were not delivered. The server ends the stream when the session is no longer valid: then it stays closed.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/live');
    let broken = false;
    const notify = (change: LiveChange | null) => listeners.current.forEach((l) => l(change));
    source.addEventListener('ready', () => {
      setConnected(true);
      if (broken) notify(null);
      broken = false;
    });
    source.addEventListener('change', (event) => {
      try {
        notify(JSON.parse((event as MessageEvent<string>).data) as LiveChange);
      } catch {
        // a malformed message is dropped; the next one still arrives
      }
    });
    source.addEventListener('end', () => {
      source.close();
      setConnected(false);
    });
    source.onerror = () => {
      broken = true;
      setConnected(false);
    };
    return () => source.close();
  }, []);

  const value = useMemo<Live>(() => ({
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
    connected,
  }), [connected]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLiveConnected(): boolean {
  return useContext(LiveContext).connected;
}

/** A burst of changes (a batch of receipts, an imported statement) reloads at once, then at most once more per this. */
const settleMs = 500;

/**
 * Calls `reload` when something of these kinds changes (aggregate types: receipt, refund, statement, alert), or
 * after the stream reconnected: at once for the first change, and once more at the end of a burst. Not while the
 * tab is hidden (it reloads when shown again).
 */
export function useLiveReload(reload: () => void, kinds: readonly string[]): void {
  const { subscribe } = useContext(LiveContext);
  const latest = useRef(reload);
  latest.current = reload;
  const key = kinds.join(',');
  useEffect(() => {
    if (key === '') return undefined;
    const wanted = new Set(key.split(','));
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = false;
    let missed = false;
    const cooled = () => {
      timer = undefined;
      if (pending) {
        pending = false;
        fire();
      }
    };
    const fire = () => {
      if (document.visibilityState === 'hidden') {
        missed = true;
        return;
      }
      if (timer !== undefined) {
        pending = true;
        return;
      }
      latest.current();
      timer = setTimeout(cooled, settleMs);
    };
    const unsubscribe = subscribe((change) => {
      if (change === null || wanted.has(change.aggregateType)) fire();
    });
    const onVisible = () => {
      if (document.visibilityState === 'visible' && missed) {
        missed = false;
        fire();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [subscribe, key]);
}
