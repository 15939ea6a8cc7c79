/**
 * A stored notification body made readable: JSON indented, a form-encoded body (Alipay's notifications) one
 * field per line, anything else as it came. Bounded, so a huge body cannot freeze the drawer.
 */
const shownCharsMax = 200_000;

export function prettyPayload(text: string): string {
  if (text.length > shownCharsMax) return `${text.slice(0, shownCharsMax)}\n…`;
  const body = text;
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      return body;
    }
  }
  if (/^[\w.%-]+=[^&]*(&[\w.%-]+=[^&]*)+$/.test(trimmed)) {
    try {
      return [...new URLSearchParams(trimmed)].map(([k, v]) => `${k} = ${v}`).join('\n');
    } catch {
      return body;
    }
  }
  return body;
}
