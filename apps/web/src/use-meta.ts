import type { MetaResponse } from '@github-bff/bff/contract';
import { useEffect, useState } from 'react';
import { fetchMeta } from './api/bff-client';

/** `GET /api/meta`, once; undefined until it answers (or if it never does). */
export function useMeta(): MetaResponse | undefined {
  const [meta, setMeta] = useState<MetaResponse | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void fetchMeta().then((answer) => {
      if (current) setMeta(answer);
    });
    return () => {
      current = false;
    };
  }, []);
  return meta;
}
