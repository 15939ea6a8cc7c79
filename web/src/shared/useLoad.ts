import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';

/** Loads something for a page: its data, whether it is loading, the error in plain words, and reload(). */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const { t } = useTranslation();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loader.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) {
          setData(value);
          setLoading(false);
        }
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) {
          setError(describeError(t, failure));
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [...deps, token, t]);

  const reload = useCallback(() => setToken((n) => n + 1), []);
  return { data, loading, error, reload };
}
