// SPDX-License-Identifier: MIT
// Never print credentials: strip passwords and tokens from URLs before anything shows them.

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@]+)@/gi;

// Redact the user-info of URLs in a text: `https://user:pass@h/x` → `https://***@h/x`. Plain
// `ssh://git@host` keeps its user name (not a secret); any user-info of http(s) is treated as a token.
export function redactText(text: string): string {
  return text.replace(URL_USERINFO, (all, scheme: string, userinfo: string) => {
    const http = /^https?:\/\/$/i.test(scheme);
    if (!http && !userinfo.includes(':')) return all;
    return `${scheme}***@`;
  });
}

// Redact one URL (same rules as redactText).
export function redactUrl(url: string): string {
  return redactText(url);
}
