// Where the user put the in-page panel: its top-left corner in CSS pixels, one per browser profile. No secret in it.
import { storage } from 'wxt/utils/storage';
import type { PanelPosition } from '../panel/panel-geometry';

export const panelPositionItem = storage.defineItem<PanelPosition | null>('local:panelPosition', { fallback: null });
