// Test-only readers of the files admins deploy, so the samples in fleet/managed-preferences/ are
// checked with the app's own schema: a .reg file (what `reg import` reads) and an XML property list
// (a configuration profile). The app itself never parses these: it reads the registry through
// reg.exe and a profile's installed plist through plutil.

/** A .reg file's values under `key` (subkeys as objects): strings and dwords, as reg.exe would show them. */
export function parseRegFile(text: string, key: string): Record<string, unknown> {
  const root = key.replace(/^HKLM\\/i, 'HKEY_LOCAL_MACHINE\\').toLowerCase();
  const out: Record<string, unknown> = {};
  let target: Record<string, unknown> | null = null;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\[(.+)\]$/.exec(line.trim());
    if (section) {
      const name = section[1]!;
      if (!name.toLowerCase().startsWith(root)) {
        target = null;
        continue;
      }
      target = out;
      for (const part of name.slice(root.length).split('\\').filter(Boolean))
        target = (target[part] ??= {}) as Record<string, unknown>;
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-fA-F]{8}))$/.exec(line.trim());
    if (value && target)
      target[value[1]!] = value[2] !== undefined ? value[2].replace(/\\(.)/g, '$1') : Number.parseInt(value[3]!, 16);
  }
  return out;
}

type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

/** An XML property list (dict, array, string, integer, real, true, false), as plutil -convert json gives it. */
export function parseXmlPlist(xml: string): PlistValue {
  const tokens = [...xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)(\w+)(\/?)>([^<]*)/g)].map((m) => ({
    close: m[1] === '/',
    tag: m[2]!,
    empty: m[3] === '/',
    text: m[4]!,
  }));
  let i = tokens.findIndex((t) => t.tag === 'plist' && !t.close) + 1;
  const value = (): PlistValue => {
    const t = tokens[i++]!;
    switch (t.tag) {
      case 'true':
      case 'false':
        if (!t.empty) i++;
        return t.tag === 'true';
      case 'string':
      case 'integer':
      case 'real': {
        const text = t.empty ? '' : t.text;
        if (!t.empty) i++;
        return t.tag === 'string'
          ? text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
          : Number(text);
      }
      case 'array': {
        const items: PlistValue[] = [];
        if (t.empty) return items;
        while (!(tokens[i]!.close && tokens[i]!.tag === 'array')) items.push(value());
        i++;
        return items;
      }
      case 'dict': {
        const dict: Record<string, PlistValue> = {};
        if (t.empty) return dict;
        while (!(tokens[i]!.close && tokens[i]!.tag === 'dict')) {
          const k = tokens[i]!;
          if (k.tag !== 'key') throw new Error(`expected <key>, found <${k.tag}>`);
          i += 2;
          dict[k.text] = value();
        }
        i++;
        return dict;
      }
      default:
        throw new Error(`unsupported plist element <${t.tag}>`);
    }
  };
  return value();
}
