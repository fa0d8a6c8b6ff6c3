// OBX-4 containment paths `MDS.VMD.CHANNEL.METRIC[.FACET]` (IHE PCD TF-2 Appendix A; devices.md §1): ancestors with trailing zeros folded.
/** `1.0.0.0` → `1`, `1.1.0.0` → `1.1`, `1.0.1.1` unchanged: device rows pad with zeros, so fold them to compare levels. */
export function foldPath(path: string): string {
  const parts = path.trim().split('.');
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}

/** Folded ancestors of a path, nearest first: `1.0.1.1` → [`1.0.1`, `1`]; `1.1.0.0.1` → [`1.1`, `1`]. */
export function ancestorPaths(path: string): string[] {
  const out: string[] = [];
  let parts = path.trim().split('.');
  while (parts.length > 1) {
    parts = parts.slice(0, -1);
    const folded = foldPath(parts.join('.'));
    if (folded !== '' && folded !== '0' && !out.includes(folded)) out.push(folded);
    parts = folded.split('.');
  }
  return out;
}

/** True when `path` lies strictly below `ancestor` (raw paths, as vendors write them). */
export function isBelow(path: string, ancestor: string): boolean {
  return ancestor !== '' && path.startsWith(`${ancestor}.`);
}

/** The path one level up, without folding (`1.1.0.0.3` → `1.1.0.0`); '' at the top. */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(0, i);
}
