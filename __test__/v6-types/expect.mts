// Type assertions for the other files. `exact<Expected>()(value)` compiles
// only when value's type is identical to Expected (not merely assignable
// either way), so each one pins a declared result type.

type Equals<A, B> = (<V>() => V extends A ? 1 : 2) extends (<V>() => V extends B ? 1 : 2) ? true : false

export declare function exact<Expected> (): <Actual>(actual: Actual, ...mismatch: Equals<Actual, Expected> extends true ? [] : [never]) => void
