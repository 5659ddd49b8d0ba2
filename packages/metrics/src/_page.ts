/** @module _page: the status page — one HTML document with its style and script inline, and a CSP that allows only those. */
import { createHash } from 'node:crypto';
import { PAGE_SCRIPT } from './_page-script.js';

const PAGE_STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1d232a; background: #f7f8fa; }
h1 { font-size: 1.4em; margin: 0 0 .2em; }
h2 { font-size: 1.1em; margin: 1.4em 0 .4em; }
.meta, .note, .empty { color: #5c6670; }
#error { color: #b3261e; font-weight: 600; }
table { border-collapse: collapse; background: #fff; min-width: 40em; }
th, td { border: 1px solid #d8dde3; padding: .25em .6em; text-align: left; font-variant-numeric: tabular-nums; }
th { background: #eef1f4; }
svg { background: #fff; border: 1px solid #d8dde3; max-width: 100%; }
.bar { fill: #c2410c; }
.axis { stroke: #5c6670; }
.label { font-size: 10px; fill: #5c6670; }
`;

/** The page and the Content-Security-Policy that goes with it. */
export interface StatusPage {
  readonly html: string;
  readonly contentSecurityPolicy: string;
}

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Builds the page once; it fetches `status.json` beside it for its data. */
export function renderStatusPage(title: string): StatusPage {
  const safeTitle = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safeTitle}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<h1>${safeTitle}</h1>
<div class="meta"><span id="version">loading…</span> · <span id="updated"></span></div>
<div id="error"></div>
<h2>Jails</h2>
<table id="jails"></table>
<h2>Failures per minute</h2>
<svg id="chart" viewBox="0 0 600 160" width="600" height="160" role="img" aria-label="failures per minute over the last hour"></svg>
<div class="note" id="chart-total"></div>
<h2>Current bans</h2>
<table id="bans"></table>
<div class="note" id="bans-note"></div>
<h2>Last events</h2>
<table id="events"></table>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${hash(PAGE_SCRIPT)}`,
    `style-src ${hash(PAGE_STYLE)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}
