// jose-native's KMSKey where jose 6's API takes a signing or decryption key.
import { KMSKey, SignJWT, CompactSign, compactDecrypt, jwtDecrypt } from 'jose-native/v6'

const signing = new KMSKey({ alg: 'ES256', sign: async (data: Uint8Array) => data })
export const token: Promise<string> = new SignJWT({ a: 1 }).setProtectedHeader({ alg: 'ES256' }).sign(signing)
export const jws: Promise<string> = new CompactSign(new Uint8Array(1)).setProtectedHeader({ alg: 'ES256' }).sign(signing)
const unwrapping = new KMSKey({ alg: 'RSA-OAEP-256', unwrapKey: (encryptedKey) => encryptedKey, onUnwrapError: (err) => { console.error(err) } })
export const decrypted = compactDecrypt('a.b.c.d.e', unwrapping)
export const jwt = jwtDecrypt('a.b.c.d.e', unwrapping)
