// The two facts injected scripts need about the extension (its id and its files' addresses), without the
// webextension-polyfill: the panel loader must stay tiny, and both browsers expose these natively.
interface MinimalRuntime {
  id: string;
  getURL(path: string): string;
}

type ExtensionGlobals = typeof globalThis & { browser?: { runtime?: MinimalRuntime }; chrome?: { runtime?: MinimalRuntime } };

export function extensionRuntime(): MinimalRuntime {
  const scope = globalThis as ExtensionGlobals;
  const runtime = scope.browser?.runtime ?? scope.chrome?.runtime;
  if (!runtime) throw new Error('Lifeline: no extension runtime in this context.');
  return runtime;
}
