// What the background announces to open chat pages (the panel frame, the popup, the side panel): a tab Lifeline may now
// read, a job started for a tab. Any number of listeners per page share one handler per message.
import { browser } from 'wxt/browser';
import type * as v from 'valibot';
import { jobStartedSchema, tabSchema } from './message-schemas';
import type { ProtocolMap } from './protocol';
import { serveMessage } from './serve-messages';

type PageEvent = 'tabAccessChanged' | 'jobStarted';
type PayloadOf<K extends PageEvent> = Parameters<ProtocolMap[K]>[0];

const SCHEMAS: { [K in PageEvent]: v.GenericSchema<unknown, PayloadOf<K>> } = { tabAccessChanged: tabSchema, jobStarted: jobStartedSchema };
const listeners = new Map<PageEvent, Set<(payload: never) => void>>();

/** Calls `listener` with each announcement of this kind; returns the function that stops it. */
export function onPageMessage<K extends PageEvent>(name: K, listener: (payload: PayloadOf<K>) => void): () => void {
  let forName = listeners.get(name);
  if (!forName) {
    const created = new Set<(payload: never) => void>();
    forName = created;
    listeners.set(name, created);
    serveMessage(
      name,
      ((payload: PayloadOf<K>) => {
        for (const each of created) (each as (payload: PayloadOf<K>) => void)(payload);
      }) as never,
      { schema: SCHEMAS[name] as never },
      { extensionId: browser.runtime.id },
    );
  }
  forName.add(listener as (payload: never) => void);
  return () => void forName.delete(listener as (payload: never) => void);
}
