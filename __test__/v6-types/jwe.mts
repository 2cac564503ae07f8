// JWE in its three serializations, as jose 6 users write it: CompactEncrypt,
// FlattenedEncrypt with AAD and unprotected headers, GeneralEncrypt
// addRecipient chains, ECDH-ES key management parameters, key resolvers.

import {
  CompactEncrypt,
  FlattenedEncrypt,
  GeneralEncrypt,
  compactDecrypt,
  flattenedDecrypt,
  generalDecrypt,
  generateKeyPair,
  generateSecret,
  base64url,
  type CompactDecryptGetKey,
  type CompactDecryptResult,
  type CompactJWEHeaderParameters,
  type CryptoKey,
  type DecryptOptions,
  type FlattenedDecryptGetKey,
  type FlattenedDecryptResult,
  type FlattenedJWE,
  type GeneralDecryptGetKey,
  type GeneralDecryptResult,
  type GeneralJWE,
  type JWEHeaderParameters,
  type JWEKeyManagementAlgorithm,
  type Recipient,
  type ResolvedKey
} from 'jose-native/v6'
import { exact } from './expect.mjs'

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const plaintext = encoder.encode('It’s a dangerous business, Frodo, going out your door.')

const rsa = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048, extractable: true })
const ec = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-384' })
const x25519 = await generateKeyPair('ECDH-ES', { crv: 'X25519' })

// --- compact ---

const jwe = await new CompactEncrypt(plaintext)
  .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'rsa-1' })
  .encrypt(rsa.publicKey)
exact<string>()(jwe)

const { plaintext: decrypted, protectedHeader } = await compactDecrypt(jwe, rsa.privateKey)
exact<Uint8Array>()(decrypted)
exact<CompactJWEHeaderParameters>()(protectedHeader)
exact<JWEKeyManagementAlgorithm>()(protectedHeader.alg)
console.log(decoder.decode(decrypted))

const ecdh = await new CompactEncrypt(plaintext)
  .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128CBC-HS256', zip: 'DEF' })
  .setKeyManagementParameters({ apu: encoder.encode('Alice'), apv: encoder.encode('Bob') })
  .encrypt(x25519.publicKey)
const decryptOptions: DecryptOptions = {
  keyManagementAlgorithms: ['ECDH-ES'],
  contentEncryptionAlgorithms: ['A128CBC-HS256'],
  maxDecompressedLength: 1_000_000,
  crit: {}
}
exact<CompactDecryptResult>()(await compactDecrypt(encoder.encode(ecdh), x25519.privateKey, decryptOptions))

const compactGetKey: CompactDecryptGetKey<CryptoKey> = async (header, token) => {
  exact<CompactJWEHeaderParameters>()(header)
  exact<FlattenedJWE>()(token)
  return header.kid === 'rsa-1' ? rsa.privateKey : ec.privateKey
}
exact<CompactDecryptResult & ResolvedKey<CryptoKey>>()(await compactDecrypt(jwe, compactGetKey))

// --- flattened ---

const cek = await generateSecret('A128CBC-HS256')
const flattened = await new FlattenedEncrypt(plaintext)
  .setProtectedHeader({ enc: 'A128CBC-HS256' })
  .setSharedUnprotectedHeader({ alg: 'dir' })
  .setUnprotectedHeader({ kid: 'shared-1' })
  .setAdditionalAuthenticatedData(encoder.encode('The Fellowship of the Ring'))
  .encrypt(cek)
exact<FlattenedJWE>()(flattened)
exact<string>()(flattened.ciphertext)
exact<string | undefined>()(flattened.aad)

const flat = await flattenedDecrypt(flattened, cek)
exact<FlattenedDecryptResult>()(flat)
exact<Uint8Array | undefined>()(flat.additionalAuthenticatedData)
exact<JWEHeaderParameters | undefined>()(flat.sharedUnprotectedHeader)
exact<JWEHeaderParameters | undefined>()(flat.unprotectedHeader)

const flatGetKey: FlattenedDecryptGetKey = (header) => {
  // a JWE in JSON serialization may have no protected header
  exact<JWEHeaderParameters | undefined>()(header)
  return cek
}
exact<CryptoKey | Uint8Array>()((await flattenedDecrypt(flattened, flatGetKey)).key)

// the AES-GCM key wrapping inputs tests pin
const pinned = await new FlattenedEncrypt(plaintext)
  .setProtectedHeader({ alg: 'A128GCMKW', enc: 'A128GCM' })
  .setKeyManagementParameters({ iv: base64url.decode('KkYT0GX_2jHlfqN_') })
  .setContentEncryptionKey(new Uint8Array(16))
  .setInitializationVector(new Uint8Array(12))
  .encrypt(await generateSecret('A128GCMKW'))
console.log(pinned.encrypted_key, pinned.iv, pinned.tag)

// --- general, several recipients ---

const general = await new GeneralEncrypt(plaintext)
  .setProtectedHeader({ enc: 'A256GCM' })
  .setSharedUnprotectedHeader({ cty: 'text/plain' })
  .setAdditionalAuthenticatedData(encoder.encode('aad'))
  .addRecipient(ec.publicKey)
  .setUnprotectedHeader({ alg: 'ECDH-ES+A256KW', kid: 'ec-1' })
  .setKeyManagementParameters({ apu: encoder.encode('Alice') })
  .addRecipient(rsa.publicKey)
  .setUnprotectedHeader({ alg: 'RSA-OAEP-256', kid: 'rsa-1' })
  .encrypt()
exact<GeneralJWE>()(general)
for (const recipient of general.recipients) {
  console.log(recipient.encrypted_key, recipient.header?.alg)
}

const encryptor = new GeneralEncrypt(plaintext).setProtectedHeader({ enc: 'A128GCM' })
const recipient: Recipient = encryptor.addRecipient(await generateSecret('A128KW'), { crit: {} }).setUnprotectedHeader({ alg: 'A128KW' })
exact<GeneralEncrypt>()(recipient.done())
exact<Promise<GeneralJWE>>()(recipient.encrypt())

const { plaintext: fromGeneral, protectedHeader: generalHeader, unprotectedHeader } = await generalDecrypt(general, ec.privateKey)
exact<Uint8Array>()(fromGeneral)
exact<JWEHeaderParameters | undefined>()(generalHeader)
console.log(unprotectedHeader?.kid)
exact<GeneralDecryptResult>()(await generalDecrypt(general, rsa.privateKey, { keyManagementAlgorithms: ['RSA-OAEP-256'] }))

const generalGetKey: GeneralDecryptGetKey = (header) => (header?.alg === 'RSA-OAEP-256' ? rsa.privateKey : ec.privateKey)
exact<GeneralDecryptResult & ResolvedKey<CryptoKey | Uint8Array>>()(await generalDecrypt(general, generalGetKey))

// --- misuse both typings reject ---

// @ts-expect-error the plaintext is bytes
new CompactEncrypt('plaintext')
// @ts-expect-error "apu" is given as bytes, not base64url
new CompactEncrypt(plaintext).setKeyManagementParameters({ apu: 'QWxpY2U' })
// @ts-expect-error GeneralEncrypt encrypts to its recipients' keys
await new GeneralEncrypt(plaintext).encrypt(rsa.publicKey)
// @ts-expect-error a JWE in General JSON Serialization has recipients
await generalDecrypt(flattened, cek)
