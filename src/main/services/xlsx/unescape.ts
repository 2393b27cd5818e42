// XML character data read back: the entities of the XML standard and the _xHHHH_ escapes of Excel undone.
const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  const plain = text.indexOf('&') < 0 ? text : text.replace(ENTITY, (_m, e: string) => {
    if (e[0] !== '#') return entities[e] ?? _m;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : _m;
  });
  // Excel writes control characters as _xHHHH_ (e.g. _x000D_ for a carriage return).
  return plain.indexOf('_x') < 0 ? plain : plain.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
