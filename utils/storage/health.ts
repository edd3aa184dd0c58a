// Entry health in storage.session: survives service-worker restarts, gone when the browser closes.
import { storage } from 'wxt/utils/storage';
import type { HealthMap } from '../llm/health/health-tracker';

export const healthItem = storage.defineItem<HealthMap>('session:health', { fallback: {}, version: 1 });
