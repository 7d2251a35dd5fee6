/** The global keyboard shortcuts, listed once: registered by the shell, shown by the help sheet. */
export interface ShortcutDoc {
  keys: string[][];
  /** i18n key of the description. */
  label: string;
}

export const SHORTCUT_DOCS: ShortcutDoc[] = [
  { keys: [['Ctrl', 'K'], ['⌘', 'K']], label: 'shortcuts.search' },
  { keys: [['Alt', 'N'], ['Ctrl', 'Shift', 'N']], label: 'shortcuts.newPatient' },
  { keys: [['↑'], ['↓'], ['key:enter']], label: 'shortcuts.list' },
  { keys: [['Ctrl', 'S']], label: 'shortcuts.save' },
  { keys: [['Alt', 'M']], label: 'shortcuts.edit' },
  { keys: [['Alt', 'U']], label: 'shortcuts.switchDoctor' },
  { keys: [['Esc']], label: 'shortcuts.back' },
  { keys: [['F1'], ['?']], label: 'shortcuts.help' },
];
