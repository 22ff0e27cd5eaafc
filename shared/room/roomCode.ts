/** Room codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), easy to read off a projector. */
export const ROOM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** @param random bytes from a cryptographic source (the caller's; shared/ has no crypto of its own) */
export function roomCodeFrom(random: Uint8Array): string {
  if (random.length < 6) throw new Error('need 6 random bytes');
  let code = '';
  for (let i = 0; i < 6; i++) code += ROOM_CODE_ALPHABET[random[i]! % ROOM_CODE_ALPHABET.length];
  return code;
}

/** Accepts what people type: lower case, spaces and dashes. */
export function normalizeRoomCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
