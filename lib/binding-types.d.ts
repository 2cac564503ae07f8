// The one name lib/binding.d.ts (napi-rs's declarations of the addon, as
// `npm run build` writes them) uses without declaring it.

/**
 * What `keyHandle(key)` returns and `jwtSign` / `jwtVerifyKey` take: an
 * N-API External holding the key (src/node/key.rs). napi-rs would write
 * its Rust type as `ExternalObject<Key>`, naming a Rust type TypeScript
 * cannot see; to JavaScript it is an opaque value, only ever passed back.
 */
interface KeyHandle {
  readonly 'jose-native KeyHandle': never
}

/**
 * What `v6Key(description, material)` returns and the v6 calls take: an
 * N-API External holding jose 6's view of a key (src/node/v6.rs).
 */
interface V6KeyHandle {
  readonly 'jose-native V6KeyHandle': never
}
