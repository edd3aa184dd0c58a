import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import {
  intentForCommand,
  intentForMenu,
  MENU_REWRITE,
  MENU_SUMMARIZE_PAGE,
  MENU_SUMMARIZE_SELECTION,
  rewriteMenuId,
} from '@/entrypoints/background/panel-launcher';
import { COMMAND_IMPROVE_WRITING, COMMAND_SUMMARIZE_PAGE } from '@/utils/menus/menus-and-shortcuts';
import { REWRITE_STYLES } from '@/utils/prompts/rewrite-selection';

const click = (menuItemId: string | number): Browser.contextMenus.OnClickData => ({ menuItemId, editable: false }) as Browser.contextMenus.OnClickData;

describe('intentForMenu', () => {
  it('should summarize the page or the selection from their menu items', () => {
    expect(intentForMenu(click(MENU_SUMMARIZE_PAGE))).toEqual({ kind: 'summarize-page' });
    expect(intentForMenu(click(MENU_SUMMARIZE_SELECTION))).toEqual({ kind: 'summarize-selection' });
  });

  it.each(REWRITE_STYLES)('should rewrite the selection in the %s style from its menu item, without an instruction', (style) => {
    expect(intentForMenu(click(rewriteMenuId(style)))).toEqual({ kind: 'rewrite-selection', style });
  });

  it("should start nothing for the rewrite submenu's parent or an item that is not Lifeline's", () => {
    expect(intentForMenu(click(MENU_REWRITE))).toBeUndefined();
    expect(intentForMenu(click(`${MENU_REWRITE}-shout`))).toBeUndefined();
    expect(intentForMenu(click('another-extension-item'))).toBeUndefined();
    expect(intentForMenu(click(7))).toBeUndefined();
  });
});

describe('intentForCommand', () => {
  it('should summarize the page or improve the selected writing from the shortcuts', () => {
    expect(intentForCommand(COMMAND_SUMMARIZE_PAGE)).toEqual({ kind: 'summarize-page' });
    expect(intentForCommand(COMMAND_IMPROVE_WRITING)).toEqual({ kind: 'rewrite-selection', style: 'improve' });
  });

  it('should start nothing for a command it does not know', () => {
    expect(intentForCommand('_execute_action')).toBeUndefined();
    expect(intentForCommand('')).toBeUndefined();
  });
});
