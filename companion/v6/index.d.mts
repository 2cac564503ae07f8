// Types for `import ... from 'jose-native-v6'`: those of 'jose-native/v6'.
export * from 'jose-native/v6'
export { default } from 'jose-native/v6'
