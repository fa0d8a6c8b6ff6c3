// Device identities from HL7 v2 EI/HD values (OBX-18, OBR-3, MSH-3): EUI-64 as upper-case hex, UUIDs lower-case; IEEE 11073 / IHE PCD TF-2 OBX-18.
const EUI_TYPE = /^EUI-?64$/i;
const HEX_EUI = /^[0-9A-Fa-f]{12}$|^[0-9A-Fa-f]{16}$/;
const UUID = /^(?:urn:uuid:)?([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/;

/** `0012210000000000` (upper-case hex) for an EUI-64/EUI-48, a lower-case UUID, else the trimmed text. */
export function normaliseDeviceId(text: string): string {
  const t = text.trim();
  if (HEX_EUI.test(t)) return t.toUpperCase();
  const uuid = UUID.exec(t);
  if (uuid?.[1]) return uuid[1].toLowerCase();
  return t;
}

/** True for an HD/EI universal-id type naming an EUI-64 (`EUI-64`, `EUI64`). */
export const isEuiType = (type: string): boolean => EUI_TYPE.test(type.trim());

/**
 * The device id in an EI value given as components `[entity, namespace, universalId, universalIdType]`:
 * `2449^^0012210000000000^EUI-64` → universal id; Continua's `0123456789ABCDEF^EUI-64` → entity id;
 * anything else → universal id, else entity id. Undefined when all are empty.
 */
export function equipmentIdFrom(components: readonly string[]): string | undefined {
  const [entity = '', namespace = '', universal = '', type = ''] = components;
  if (isEuiType(type) && universal.trim() !== '') return normaliseDeviceId(universal);
  if (isEuiType(namespace) && entity.trim() !== '') return normaliseDeviceId(entity);
  const picked = universal.trim() !== '' && type.trim() !== '' ? universal : entity.trim() !== '' ? entity : universal;
  return picked.trim() === '' ? undefined : normaliseDeviceId(picked);
}

/** The EUI-64 in an HD value `[namespace, universalId, universalIdType]` (MSH-3 `NAME^EUI64^EUI-64`); undefined otherwise. */
export function euiFromHd(components: readonly string[]): string | undefined {
  const [, universal = '', type = ''] = components;
  return isEuiType(type) && HEX_EUI.test(universal.trim()) ? universal.trim().toUpperCase() : undefined;
}
