import { useEffect, useState } from 'react';
import { userName } from './helpers';

/** A user's name from their id; a dash when there is none. */
export function UserName({ id }: { id: string | null | undefined }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setName(null);
    if (id) void userName(id).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [id]);
  if (!id) return <span>—</span>;
  return <span>{name ?? '…'}</span>;
}
