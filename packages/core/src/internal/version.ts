declare const __FLARE_VERSION__: string | undefined;

/** This package's version, injected at build time. */
export const VERSION: string =
  typeof __FLARE_VERSION__ === 'string' ? __FLARE_VERSION__ : '0.0.0-dev';
