import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/api/define.ts';
import type { AppContract } from '../../../shared/api/index.ts';
import { useApi, useReconnects } from '../platform/api-context.tsx';

export type SystemInfo = MethodOutput<AppContract, 'system.info'>;

/** `system.info`, asked at start (sandbox badge, version), and again once connected if that failed. */
export function useSystemInfo(): SystemInfo | undefined {
  const api = useApi();
  const [info, setInfo] = useState<SystemInfo>();
  const reconnects = useReconnects();
  useEffect(() => {
    if (info) return;
    let live = true;
    api.call('system.info', {}).then(
      (i) => live && setInfo(i),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, info, reconnects]);
  return info;
}
