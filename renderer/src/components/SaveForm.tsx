import type { ComponentPropsWithRef } from 'react';

/**
 * A form that saves on Enter (submit) and on Ctrl+S / Cmd+S while the focus is inside it
 * (UX.md, keyboard first), with the browser's own required-field popups off: the Italian
 * messages on the fields are ours.
 */
export function SaveForm({ onSave, ...props }: { onSave(): void } & Omit<ComponentPropsWithRef<'form'>, 'onSubmit' | 'onKeyDown' | 'noValidate'>) {
  return (
    <form
      {...props}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          onSave();
        }
      }}
    />
  );
}
