/**
 * The end of a URL found in text: trailing sentence punctuation (`.,;:!?'"*>}`) is dropped, and so is a
 * closing `)` or `]` that has no opening partner in the URL (`(see https://x.example/a)`), while balanced
 * ones stay (`/wiki/Foo_(bar)`). One counting pass and one backwards scan: linear in the URL's length,
 * whatever it is made of (no pattern runs over it).
 */
/** `.,;:!?'"*>}` by character code. */
const TRAILING = new Uint8Array(128);
for (const c of '.,;:!?\'"*>}') TRAILING[c.charCodeAt(0)] = 1;

export function trimUrl(raw: string): string {
  let openParen = 0;
  let closeParen = 0;
  let openSquare = 0;
  let closeSquare = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x28) openParen++;
    else if (c === 0x29) closeParen++;
    else if (c === 0x5b) openSquare++;
    else if (c === 0x5d) closeSquare++;
  }
  let end = raw.length;
  while (end > 0) {
    const c = raw.charCodeAt(end - 1);
    if (c < 128 && TRAILING[c] === 1) end--;
    else if (c === 0x29 && closeParen > openParen) {
      closeParen--;
      end--;
    } else if (c === 0x5d && closeSquare > openSquare) {
      closeSquare--;
      end--;
    } else break;
  }
  return end === raw.length ? raw : raw.slice(0, end);
}
