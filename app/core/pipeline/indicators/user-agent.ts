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
/** At most this much comment text between `(` and the URL. */
const MAX_COMMENT = 80;
/** The product token `name/version` right before ` (` (read on at most 65 characters). */
const PRODUCT = /[A-Za-z][\w.-]{0,39}\/[\w.#+-]{1,24}$/;
const MAX_PRODUCT = 65;

/**
 * Whether the URL at `[start, end)` of `text` sits in a User-Agent comment. Found by index look-ups
 * (the comment's `(` is the last one before the URL, with no `)` after it) before a pattern reads
 * the short product token: a text of many URLs costs a few comparisons per URL.
 */
export function inUserAgentComment(text: string, start: number, end: number): boolean {
  const next = text.charAt(end);
  if (next !== ')' && next !== ';') return false;
  const before = text.slice(Math.max(0, start - WINDOW), start);
  const open = before.lastIndexOf('(');
  if (open < 1 || before.length - open - 1 > MAX_COMMENT || before.indexOf(')', open) >= 0 || before.charAt(open - 1) !== ' ') return false;
  return PRODUCT.test(before.slice(Math.max(0, open - 1 - MAX_PRODUCT), open - 1));
}
