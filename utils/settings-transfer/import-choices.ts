// The buttons the settings page offers after an import preview: each says what happens to the stored keys at risk.
import type { KeyAtRisk } from './import-plan';

export interface ImportChoice {
  label: string;
  /** Stored provider ids whose keys this choice deletes; sent with the import. */
  removeKeysOf: string[];
  /** The choice that keeps every key that can be kept: shown first, as the main button. */
  main: boolean;
}

const keyCount = (n: number): string => `${n} ${n === 1 ? 'key' : 'keys'}`;

/** "Import and keep my keys" first whenever a key can be kept; a choice that deletes keys says how many. */
export function importChoices(risks: readonly KeyAtRisk[]): ImportChoice[] {
  const lost = risks.filter((risk) => !risk.keepable).map((risk) => risk.providerId);
  const keepable = risks.filter((risk) => risk.keepable).map((risk) => risk.providerId);
  if (keepable.length === 0) {
    return [{ label: lost.length > 0 ? `Import and remove ${keyCount(lost.length)}` : 'Import', removeKeysOf: lost, main: true }];
  }
  return [
    {
      label: lost.length > 0 ? `Import, keep ${keyCount(keepable.length)} and remove ${keyCount(lost.length)}` : 'Import and keep my keys',
      removeKeysOf: lost,
      main: true,
    },
    { label: `Import and remove ${keyCount(risks.length)}`, removeKeysOf: [...lost, ...keepable], main: false },
  ];
}
