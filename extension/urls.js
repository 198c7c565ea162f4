/**
 * Pure functions about addresses: what is sent (a cleaned URL), what is never read (restricted pages) and what
 * the user chose never to send (blocked sites). No browser API here, so node's test runner covers it all.
 */

// The same parameters the backend drops (backend/backstory/articles/urls.py): they identify a campaign or a
// click, never the article, and they can carry a per-reader id.
// prettier-ignore
const TRACKING_EXACT = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid',
  '_ga', '_gl', 'ref_src', 'ref_url', 'cmpid', 'ocid', 'ncid', 'sr_share', 'spm', 'share', 's_cid',
  'at_medium', 'at_campaign', 'guccounter', 'guce_referrer', 'guce_referrer_sig', 'smid',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'oly_', 'vero_', 'at_'];

/** @param {string} name */
export function isTrackingParameter(name) {
  const lowered = name.toLowerCase();
  return TRACKING_EXACT.has(lowered) || TRACKING_PREFIXES.some((prefix) => lowered.startsWith(prefix));
}

/**
 * The URL as it is sent to the backend: no fragment, no credentials, no tracking parameters.
 * The remaining query keeps its order: servers may treat it as significant.
 * @param {string} url
 * @returns {string}
 */
export function cleanUrl(url) {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  // Work on the raw pairs rather than URLSearchParams, which would re-encode the ones that stay.
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParameter(parameterName(pair)));
  parsed.search = kept.length ? `?${kept.join('&')}` : '';
  return parsed.href;
}

/** @param {string} pair a raw "name=value" query pair */
function parameterName(pair) {
  const name = pair.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** @typedef {'browser' | 'store' | 'pdf' | 'unsupported'} Restriction */

const STORE_PAGES = [
  { host: 'chromewebstore.google.com', path: '/' },
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'microsoftedge.microsoft.com', path: '/addons' },
  { host: 'addons.mozilla.org', path: '/' },
];
// prettier-ignore
const BROWSER_SCHEMES = [
  'chrome:', 'chrome-extension:', 'chrome-untrusted:', 'chrome-search:', 'devtools:', 'edge:', 'brave:',
  'about:', 'moz-extension:', 'resource:', 'view-source:', 'data:', 'blob:', 'javascript:',
];

/**
 * Why a page cannot be read, or null when it can. Browsers refuse to run extension code on their own pages and
 * on the extension stores; PDFs have no article HTML.
 * @param {string | undefined} url
 * @param {string} [contentType] document.contentType when the page has been read
 * @returns {Restriction | null}
 */
export function restrictionOf(url, contentType) {
  if (!url) return 'unsupported';
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return 'unsupported';
  }
  if (BROWSER_SCHEMES.includes(parsed.protocol)) return 'browser';
  const host = parsed.hostname.toLowerCase();
  if (STORE_PAGES.some((store) => host === store.host && parsed.pathname.startsWith(store.path))) return 'store';
  if (contentType === 'application/pdf' || /\.pdf$/i.test(parsed.pathname)) return 'pdf';
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'unsupported';
  if (contentType && !/html|xml/i.test(contentType)) return 'unsupported';
  return null;
}

/**
 * One blocked-site entry as the user typed it, reduced to a host: "https://www.Example.com/news" → "example.com".
 * A leading "www." or "*." is dropped, so an entry covers the site and all its subdomains.
 * @param {string} entry
 * @returns {string} the host, or '' when the entry holds none
 */
export function blockedHost(entry) {
  let text = entry.trim().toLowerCase();
  if (!text) return '';
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text.replace(/^\*\./, '')}`;
  try {
    return new URL(text).hostname.replace(/^www\./, '').replace(/\.$/, '');
  } catch {
    return '';
  }
}

/**
 * The blocked-sites text of the options, one entry a line (commas and spaces also separate; "#" starts a
 * comment), as hosts.
 * @param {string} text
 * @returns {string[]}
 */
export function parseBlockedSites(text) {
  const entries = text.split('\n').flatMap((line) => line.replace(/#.*/, '').split(/[\s,]+/));
  const hosts = entries.map(blockedHost).filter(Boolean);
  return [...new Set(hosts)];
}

/**
 * The blocked entry that covers the URL's host (the host itself or a parent domain), or null.
 * @param {string} url
 * @param {string[]} blockedHosts as returned by parseBlockedSites
 * @returns {string | null}
 */
export function blockingEntry(url, blockedHosts) {
  let host;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
  return blockedHosts.find((blocked) => host === blocked || host.endsWith(`.${blocked}`)) ?? null;
}

/**
 * The backend URL as the options store it: trimmed, with a scheme, without a trailing slash.
 * @param {string} url
 * @returns {string | null} null when it is not an http(s) URL
 */
export function normaliseBackendUrl(url) {
  const text = url.trim();
  if (!text) return null;
  let parsed;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href.replace(/\/+$/, '');
}

/**
 * The match pattern for a backend's host permission: "http://example.org:8080/api" → "http://example.org/*".
 * Match patterns ignore ports, so one pattern covers every port of that host.
 * @param {string} backendUrl a normalised backend URL
 */
export function originPattern(backendUrl) {
  const parsed = new URL(backendUrl);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}
