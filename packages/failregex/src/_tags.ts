/** @module _tags: expands Fail2Ban's regex tags (`<HOST>`, `<F-USER>…</F-USER>`, `<SKIPLINES>`) to Python regex text. */
import type { UseDns } from './types.js';

// Address spellings, written for f2b. An IPv4 address is four dot-separated 1–3 digit groups (range is
// not checked, like Fail2Ban); an IPv6 address is up to seven hex units each closed by `:` or `::`,
// then a last unit or a second colon. Capture names (ip4, ip6, dns, cidr) are Fail2Ban's contract.
const IPV4 = '(?:[0-9]{1,3}\\.){3}[0-9]{1,3}';
const IPV6 = '(?:(?:[0-9A-Fa-f]{1,4}:?|:):){1,7}(?:[0-9A-Fa-f]{1,4}|(?<=:):)';
/** `::ffff:` (IPv4-mapped) and `::ffffff:` prefixes are skipped so the IPv4 part is captured. */
const CAPTURE_IP4 = `(?:::f{4,6}:)?(?P<ip4>${IPV4})`;
const CAPTURE_IP6 = `(?P<ip6>${IPV6})`;
const CAPTURE_DNS = '(?P<dns>[\\w.^-]*\\w)';
const CAPTURE_CIDR = '(?P<cidr>\\d+)';
const CAPTURE_ADDR = `\\[?(?:${CAPTURE_IP4}|${CAPTURE_IP6})\\]?`;
const CAPTURE_SUBNET = `\\[?(?:${CAPTURE_IP4}|${CAPTURE_IP6})(?:/${CAPTURE_CIDR})?\\]?`;

const STATIC_TAGS: Readonly<Record<string, string>> = {
  IP4: CAPTURE_IP4,
  IP6: CAPTURE_IP6,
  ADDR: CAPTURE_ADDR,
  CIDR: CAPTURE_CIDR,
  SUBNET: CAPTURE_SUBNET,
  DNS: CAPTURE_DNS,
  'F-IP4/': CAPTURE_IP4,
  'F-IP6/': CAPTURE_IP6,
  'F-ADDR/': CAPTURE_ADDR,
  'F-CIDR/': CAPTURE_CIDR,
  'F-SUBNET/': CAPTURE_SUBNET,
  'F-DNS/': CAPTURE_DNS,
  'F-ID/': '(?P<fid>\\S+)',
  'F-PORT/': '(?P<fport>\\w+)',
};

/** `<F-ID>` and `<F-PORT>` capture into Fail2Ban's historical group names. */
const FIELD_GROUP: Readonly<Record<string, string>> = { id: 'fid', port: 'fport' };

const TAG_RE = /<\/?[\p{L}\p{N}_-]+\/?>/gu;
const FIELD_TAG_RE = /^(\/?)F-([A-Z0-9_-]+)$/;

/** Maps a field tag name (`USER`, `ID`) to its capture-group name (`user`, `fid`). */
export function mapFieldName(tag: string): string {
  const lower = tag.toLowerCase();
  return FIELD_GROUP[lower] ?? lower;
}

/**
 * Replaces every tag Fail2Ban knows by its regex; unknown tags, and closing tags that were
 * never opened, stay as literal text (as in Fail2Ban 1.0).
 */
export function expandTags(regex: string, useDns: UseDns): string {
  const open = new Set<string>();
  let skipLines = 0;
  return regex.replace(TAG_RE, (tag) => {
    const name = tag.slice(1, -1);
    if (name === 'HOST') {
      return useDns === 'no' ? CAPTURE_ADDR : `(?:${CAPTURE_ADDR}|${CAPTURE_DNS})`;
    }
    if (name === 'SKIPLINES') {
      // Lazily skips whole buffered lines; the skipped lines are not part of the failure's matches.
      return `\\n(?P<skiplines${skipLines++}>(?:(?:.*\\n)*?))`;
    }
    const fixed = STATIC_TAGS[name];
    if (fixed !== undefined) return fixed;
    const field = FIELD_TAG_RE.exec(name);
    if (!field) return tag;
    const fieldName = field[2] as string;
    // `-` is legal in a tag name but not in a group name; Python would reject it, so do we (later).
    if (field[1] === '/') return open.has(fieldName) ? ')' : tag;
    open.add(fieldName);
    return `(?P<${mapFieldName(fieldName)}>`;
  });
}
