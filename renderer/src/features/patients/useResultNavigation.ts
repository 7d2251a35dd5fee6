import { useEffect, useState, type KeyboardEvent } from 'react';

/**
 * Arrow keys move the chosen result, Enter opens it. Enter pressed before the results for the
 * text just typed have arrived waits for them, so it never opens a row of an older search.
 */
export function useResultNavigation<T>(items: T[], fresh: boolean, open: (item: T) => void) {
  const [active, setActive] = useState(0);
  const [pendingEnter, setPendingEnter] = useState(false);
  const current = Math.max(0, Math.min(active, items.length - 1));

  useEffect(() => {
    if (!pendingEnter || !fresh) return;
    setPendingEnter(false);
    if (items[current]) open(items[current]);
  }, [pendingEnter, fresh, items, current, open]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(current + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!fresh) setPendingEnter(true);
      else if (items[current]) open(items[current]);
    }
  };

  /** A new search starts from the first row. */
  const restart = () => setActive(0);

  return { current, setActive, onKeyDown, restart };
}
