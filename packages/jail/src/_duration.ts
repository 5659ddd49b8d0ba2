/** @module duration: seconds from Fail2Ban's short durations (`300`, `5m`, `1h 30m`, `1d`), for ignorecache's max-time. */

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds of `text`: a number, or numbers with s/m/h/d/w units (summed); null when not a duration. */
export function parseSeconds(text: string): number | null {
  const trimmed = text.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const parts = trimmed.toLowerCase().match(/\d+(?:\.\d+)?\s*[smhdw]/g);
  if (!parts || parts.join('').replace(/\s/g, '') !== trimmed.toLowerCase().replace(/\s/g, '')) return null;
  return parts.reduce((sum, part) => sum + Number(part.slice(0, -1).trim()) * UNITS[part.slice(-1)]!, 0);
}
