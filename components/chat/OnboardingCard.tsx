// The popup's first-run card: the right-click menu, the shortcuts and pinning in one line each, then "Try it on this
// page" (summarizes the page; the popup's own click let Lifeline in) or "Got it". Either one puts it away for good.
import { useEffect, useId, useRef, useState } from 'react';
import { useGuidance } from '@/components/onboarding/use-guidance';
import { MENU_TITLES } from '@/utils/menus/menus-and-shortcuts';
import { onboardingItem } from '@/utils/storage/onboarding';
import './guidance.css';

interface OnboardingCardProps {
  /** Summarizes the page; absent where Lifeline cannot read the tab. */
  tryIt: (() => void) | undefined;
  /** A job is being asked for or running: trying waits. */
  busy: boolean;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The first control after `element` in the page, so the keyboard's place is kept when the card goes away. */
function nextFocusable(element: Element): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].find(
    (candidate) => !element.contains(candidate) && (element.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
  );
}

/** Shown until dismissed; undefined while storage is read, so it never flashes for someone who dismissed it. */
function useCardShown(): [boolean, () => void] {
  const [dismissed, setDismissed] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let open = true;
    void onboardingItem.getValue().then((state) => open && setDismissed(state.popupCardDismissed));
    const unwatch = onboardingItem.watch((state) => setDismissed(state.popupCardDismissed));
    return () => {
      open = false;
      unwatch();
    };
  }, []);
  const dismiss = (): void => {
    setDismissed(true);
    void onboardingItem.setValue({ popupCardDismissed: true });
  };
  return [dismissed === false, dismiss];
}

export function OnboardingCard(props: OnboardingCardProps) {
  const [shown, dismiss] = useCardShown();
  return shown ? <Card {...props} dismiss={dismiss} /> : null;
}

function Card({ tryIt, busy, dismiss }: OnboardingCardProps & { dismiss: () => void }) {
  const { shortcuts, pin, openShortcutSettings } = useGuidance();
  const card = useRef<HTMLElement>(null);
  const headingId = useId();

  const putAway = (): void => {
    const next = card.current ? nextFocusable(card.current) : undefined;
    dismiss();
    next?.focus();
  };
  const set = shortcuts?.filter((row) => row.keys) ?? [];

  return (
    <section ref={card} className="ll-onboarding" aria-labelledby={headingId}>
      <h2 id={headingId}>Getting started</h2>
      <ul className="ll-onboarding-points">
        <li>
          <strong>Right-click</strong> a page or selected text: <q>{MENU_TITLES.summarizePage}</q>, <q>{MENU_TITLES.rewriteSelection}</q>.
        </li>
        <li>
          <strong>Shortcuts:</strong>{' '}
          {shortcuts === undefined
            ? '…'
            : set.length > 0
              ? set.map((row, index) => (
                  <span key={row.name}>
                    {index > 0 && ' · '}
                    <kbd>{row.keys}</kbd> {row.label}
                  </span>
                ))
              : 'not set. '}
          {shortcuts !== undefined && set.length === 0 && openShortcutSettings && (
            <button type="button" className="ll-link-button" onClick={openShortcutSettings}>
              Set shortcuts
            </button>
          )}
        </li>
        <li>
          <strong>Toolbar button:</strong> {pin.short}
        </li>
      </ul>
      <div className="ll-onboarding-actions">
        {tryIt ? (
          <button
            type="button"
            className="ll-button primary"
            disabled={busy}
            onClick={() => {
              putAway();
              tryIt();
            }}
          >
            Try it on this page
          </button>
        ) : (
          <span>Open a web page to try it.</span>
        )}
        <button type="button" className="ll-button" onClick={putAway}>
          Got it
        </button>
      </div>
    </section>
  );
}
