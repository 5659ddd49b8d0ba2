/** @module zones: fixed UTC offsets for zone names and `+hh:mm` suffixes, as Fail2Ban reads them (no DST rules). */
import { TimeZoneError } from './errors.js';

// Offsets in hours -> abbreviations. Fail2Ban treats each abbreviation as a
// fixed offset (CET never becomes CEST by itself), so do we.
const ABBREVIATIONS: ReadonlyArray<readonly [number, string]> = [
  [-12, 'Y'],
  [-11, 'X NUT SST'],
  [-10, 'W CKT HAST HST TAHT TKT'],
  [-9.5, 'MART MIT'],
  [-9, 'V AKST GAMT GIT HADT HNY'],
  [-8, 'U AKDT CIST HAY HNP PST PT'],
  [-7, 'T HAP HNR MST PDT'],
  [-6, 'S CST EAST GALT HAR HNC MDT'],
  [-5, 'R CDT COT EASST ECT EST ET HAC HNE PET'],
  [-4.5, 'HLV VET'],
  [-4, 'Q AST BOT CLT COST EDT FKT GYT HAE HNA PYT'],
  [-3.5, 'HNT NST NT'],
  [-3, 'P ADT ART BRT CLST FKST GFT HAA PMST PYST SRT UYT WGT'],
  [-2.5, 'HAT NDT'],
  [-2, 'O BRST FNT PMDT UYST WGST'],
  [-1, 'N AZOT CVT EGT'],
  [0, 'Z EGST GMT UTC WET WT'],
  [1, 'A CET DFT WAT WEDT WEST'],
  [2, 'B CAT CEDT CEST EET SAST WAST'],
  [3, 'C EAT EEDT EEST IDT MSK'],
  [3.5, 'IRST'],
  [4, 'D AMT AZT GET GST KUYT MSD MUT RET SAMT SCT'],
  [4.5, 'AFT IRDT'],
  [5, 'E AMST AQTT AZST HMT MAWT MVT PKT TFT TJT TMT UZT YEKT'],
  [5.5, 'SLT'],
  [5.75, 'NPT'],
  [6, 'F ALMT BIOT BTT IOT KGT NOVT OMST YEKST'],
  [6.5, 'CCT MMT'],
  [7, 'G CXT DAVT HOVT ICT KRAT NOVST OMSST THA WIB'],
  [8, 'H ACT AWST BDT BNT CAST HKT IRKT KRAST MYT PHT SGT ULAT WITA WST'],
  [9, 'I AWDT IRKST JST KST PWT TLT WDT WIT YAKT'],
  [9.5, 'ACST'],
  [10, 'K AEST ChST PGT VLAT YAKST YAPT'],
  [10.5, 'ACDT LHST'],
  [11, 'L AEDT LHDT MAGT NCT PONT SBT VLAST VUT'],
  [11.5, 'NFT'],
  [12, 'M ANAST ANAT FJT GILT MAGST MHT NZST PETST PETT TVT WFT'],
  [13, 'FJST NZDT'],
];

const OFFSETS = new Map<string, number>();
for (const [hours, names] of ABBREVIATIONS) {
  for (const name of names.split(' ')) OFFSETS.set(name, Math.round(hours * 60));
}

// `[ABBR][+-hh[[:]mm]]`, both parts optional, case-sensitive like Fail2Ban.
const ZONE_SHAPE = /^([A-Z](?:[A-Z]{2,4})?)?(?:([+-])([01]\d)(?::?(\d\d))?)?$/;

/**
 * Reads a zone as written in a log line or in `logtimezone` into minutes east
 * of UTC; `null` when the text is not a zone Fail2Ban knows.
 */
export function parseZoneOffset(text: string): number | null {
  if (text === 'Z' || text === 'UTC' || text === 'GMT') return 0;
  // A log writes the same zone on line after line (`+00:00`): the last answer is kept.
  if (text === lastZoneText) return lastZone;
  const zone = readZoneOffset(text);
  lastZoneText = text;
  lastZone = zone;
  return zone;
}

let lastZoneText = '';
let lastZone: number | null = null;

function readZoneOffset(text: string): number | null {
  const m = ZONE_SHAPE.exec(text);
  if (m === null) return null;
  const [, name, sign, hh, mm] = m;
  const base = name === undefined ? 0 : OFFSETS.get(name);
  if (base === undefined) return null;
  if (sign === undefined || hh === undefined) return base;
  const minutes = Number(hh) * 60 + (mm === undefined ? 0 : Number(mm));
  return base + (sign === '-' ? -minutes : minutes);
}

/** Resolves a `logtimezone` option to minutes east of UTC; throws {@link TimeZoneError}. */
export function resolveLogTimeZone(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const offset = parseZoneOffset(value.trim());
  if (offset === null) throw new TimeZoneError(value);
  return offset;
}
