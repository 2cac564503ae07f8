// `import ... from 'jose-native-v6'`, or `from 'jose'` when installed as
// `jose@npm:jose-native-v6`: the named exports of 'jose-native/v6' (and its
// default export, the CommonJS module), the same objects as `require` gives.
export * from 'jose-native/v6'
export { default } from 'jose-native/v6'
