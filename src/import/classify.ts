/** Tells administrative-only files (Organization, Practitioner, Location, PractitionerRole) apart, reading as little as possible. */
import { ADMINISTRATIVE_TYPES } from './administrative.ts';
import { openContent } from './read-file.ts';

const RESOURCE_TYPE = /"resourceType"\s*:\s*"([A-Za-z]+)"/g;
const CONTAINERS = new Set(['Bundle']);

/**
 * True when every `"resourceType"` in the file (other than Bundle) is administrative and there is
 * at least one. Streams the file and stops at the first other type, so a patient Bundle costs one
 * chunk. A text scan, not a parse: a resourceType inside a string value can only make a file look
 * non-administrative, which merely keeps it in place.
 */
export async function isAdministrativeOnly(path: string): Promise<boolean> {
  const stream = openContent(path).setEncoding('utf8');
  let tail = '';
  let sawAdministrative = false;
  try {
    for await (const chunk of stream) {
      const text = tail + (chunk as string);
      RESOURCE_TYPE.lastIndex = 0;
      let lastEnd = 0;
      for (let m = RESOURCE_TYPE.exec(text); m; m = RESOURCE_TYPE.exec(text)) {
        const type = m[1]!;
        lastEnd = m.index + m[0].length;
        if (CONTAINERS.has(type)) continue;
        if (!ADMINISTRATIVE_TYPES.has(type)) return false;
        sawAdministrative = true;
      }
      // Keep enough of the end to catch a match split across chunks, but never re-read a match.
      tail = text.slice(Math.max(lastEnd, text.length - 64));
    }
  } finally {
    stream.destroy();
  }
  return sawAdministrative;
}
