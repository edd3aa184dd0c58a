// First-run guidance: whether the popup's getting-started card was dismissed ("Got it" or "Try it on this page").
import { storage } from 'wxt/utils/storage';

export interface OnboardingState {
  popupCardDismissed: boolean;
}

export const onboardingItem = storage.defineItem<OnboardingState>('local:onboarding', { fallback: { popupCardDismissed: false }, version: 1 });
