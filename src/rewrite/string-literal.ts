/** `value` as a JavaScript string literal in `quote`, escaped so that it reads back as `value`. */
export function stringLiteral(value: string, quote: string): string {
  let out = quote;
  for (const character of value) {
    const code = character.charCodeAt(0);
    if (character === '\\' || character === quote) out += `\\${character}`;
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += character;
  }
  return out + quote;
}
