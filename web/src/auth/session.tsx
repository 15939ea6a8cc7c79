import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import type { Me, TenantSettings, User } from '../api/types';

interface SessionState {
  user: User;
  tenant: TenantSettings;
  /** True when the role grants the permission ('*' grants all; the server spells it out already). */
  can: (permission: string) => boolean;
  signOut: () => Promise<void>;
  /** After the tenant's settings changed (time zone, base currency …). */
  reloadTenant: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

type Phase = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; user: User; tenant: TenantSettings };

async function load(): Promise<Phase> {
  try {
    // Both at once: the first screen waits for one round trip, not two.
    const [me, tenant] = await Promise.all([api.get<Me>('/auth/me'), api.get<TenantSettings>('/settings')]);
    setCsrfToken(me.csrfToken);
    return { kind: 'signed-in', user: me.user, tenant };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out' };
    throw error;
  }
}

/**
 * Who is signed in. The session cookie is httpOnly, so the app learns it from /auth/me; the CSRF token it
 * returns goes on every state-changing request. A 401 anywhere brings back the sign-in page.
 */
export function SessionProvider({ signIn, children }: { signIn: (onSignedIn: () => void) => ReactNode; children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [failure, setFailure] = useState<Error | null>(null);

  const refresh = useCallback(() => {
    load().then(setPhase, (error: Error) => setFailure(error));
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setPhase({ kind: 'signed-out' });
    });
    refresh();
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);

  const value = useMemo<SessionState | null>(() => {
    if (phase.kind !== 'signed-in') return null;
    const granted = new Set(phase.user.permissions);
    return {
      user: phase.user,
      tenant: phase.tenant,
      can: (permission) => granted.has(permission) || granted.has('*'),
      signOut: async () => {
        await api.post('/auth/sign-out').catch(() => undefined);
        setCsrfToken(null);
        setPhase({ kind: 'signed-out' });
      },
      reloadTenant: async () => {
        const tenant = await api.get<TenantSettings>('/settings');
        setPhase({ kind: 'signed-in', user: phase.user, tenant });
      },
    };
  }, [phase]);

  if (failure) throw failure;
  if (phase.kind === 'loading') return null;
  if (phase.kind === 'signed-out') return <>{signIn(refresh)}</>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
