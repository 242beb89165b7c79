/**
 * A URL a client names in its own User-Agent comment is its self-identification, not evidence:
 * `sqlmap/1.7.2#stable (https://sqlmap.org)`, `Mozilla/5.0 (compatible; Googlebot/2.1;
 * +http://www.google.com/bot.html)`, `Mozilla/5.0 (compatible; Nmap Scripting Engine;
 * https://nmap.org/book/nse.html)`. The scanner's, crawler's or library's project page says who
 * sent the request; the request's source address is the evidence.
 *
 * Shape (RFC 9110 §10.1.5): a product token `name/version`, then a parenthesised comment with no
 * nested parentheses holding the URL, which ends the comment or one of its `;` parts. Only a bounded
 * window either side of the URL is read.
 */

const WINDOW = 96;
/** `product/version (` then comment text up to the URL (an optional `+` before it). */
const BEFORE = /[A-Za-z][\w.-]{0,39}\/[\w.#+-]{1,24} \([^()]{0,80}$/;

/** Whether the URL at `[start, end)` of `text` sits in a User-Agent comment. */
export function inUserAgentComment(text: string, start: number, end: number): boolean {
  const next = text.charAt(end);
  if (next !== ')' && next !== ';') return false;
  return BEFORE.test(text.slice(Math.max(0, start - WINDOW), start));
}
