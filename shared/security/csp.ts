/**
 * The Content-Security-Policy every page of the kit runs under.
 *
 * Only the page's own origin may be contacted: 'self' covers the host the page came from (loopback or the
 * facilitator's LAN address) including its WebSocket; nothing else, so a stray CDN link fails loudly in tests
 * instead of silently needing the internet in a classroom.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Inline style attributes are set by React and by Excalidraw; no remote styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Served with SVG diagrams and images: they may style themselves and nothing more. */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";
