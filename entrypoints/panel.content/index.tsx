// In-page panel: injected on demand (activeTab + scripting), mounted in a shadow root; wiring only.
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { createRoot, type Root } from 'react-dom/client';
import { onMessage } from '@/utils/messaging/protocol';
import type { PanelTask } from '@/utils/jobs/task';
import { captureSelection, type CapturedSelection } from '@/utils/page/selection';
import { Panel } from './Panel';
import themeCss from '@/assets/theme.css?inline';
import sharedControlsCss from '@/assets/controls.css?inline';
import panelCss from './panel.css?inline';
import controlsCss from './panel-controls.css?inline';

type PanelGlobal = typeof globalThis & { __lifelinePanelLoaded?: boolean };

export default defineContentScript({
  // Injected by the background on a user gesture only: no match patterns, no host permissions.
  matches: [],
  registration: 'runtime',
  // Styles travel inside the script, so no web-accessible resource exposes them to every page.
  cssInjectionMode: 'manual',
  main(ctx) {
    // The background injects this script on every click; the first copy stays in charge.
    const scope = globalThis as PanelGlobal;
    if (scope.__lifelinePanelLoaded) return;
    scope.__lifelinePanelLoaded = true;

    let root: Root | undefined;
    let runs = 0;
    const render = async (task: PanelTask, selection: CapturedSelection): Promise<void> => {
      runs++;
      if (!root) {
        const ui = await createShadowRootUi(ctx, {
          name: 'lifeline-panel',
          css: `${themeCss}\n${sharedControlsCss}\n${panelCss}\n${controlsCss}`,
          position: 'inline',
          anchor: 'body',
          append: 'last',
          isolateEvents: true,
          onMount: (container) => createRoot(container),
          onRemove: (mounted) => mounted?.unmount(),
        });
        ui.mount();
        root = ui.mounted;
        ctx.onInvalidated(() => {
          ui.remove();
          root = undefined;
        });
      }
      const close = (): void => root?.render(null);
      root?.render(<Panel key={runs} task={task} selection={selection} onClose={close} />);
    };

    onMessage('showPanel', ({ data }) => {
      // Read the selection before the panel takes focus; Lifeline's own panel is never the selection.
      const selection = captureSelection(document, document.querySelector('lifeline-panel') ?? undefined);
      void render(data, selection);
    });
  },
});
