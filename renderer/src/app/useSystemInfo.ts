import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/api/define.ts';
import type { AppContract } from '../../../shared/api/index.ts';
import { useApi } from '../platform/api-context.tsx';

export type SystemInfo = MethodOutput<AppContract, 'system.info'>;

/** `system.info`, asked once at start (sandbox badge, version). */
export function useSystemInfo(): SystemInfo | undefined {
  const api = useApi();
  const [info, setInfo] = useState<SystemInfo>();
  useEffect(() => {
    let live = true;
    api.call('system.info', {}).then(
      (i) => live && setInfo(i),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);
  return info;
}
