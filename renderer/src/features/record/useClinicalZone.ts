import { useEffect, useState } from 'react';
import { DEFAULT_TIME_ZONE } from '../../../../shared/format/clinical-time.ts';
import { useApi } from '../../platform/api-context.tsx';

/**
 * The doctor's time zone (settings, Europe/Rome by default): the record forms read typed dates
 * and times in it and show instants in it, whatever the zone of this computer.
 */
export function useClinicalZone(): string {
  const api = useApi();
  const [zone, setZone] = useState(DEFAULT_TIME_ZONE);
  useEffect(() => {
    let live = true;
    api.call('settings.getClinical', {}).then((c) => live && setZone(c.timeZone), () => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return zone;
}
