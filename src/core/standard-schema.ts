// The Standard Schema interface (https://standardschema.dev), version 1, copied as its authors
// recommend so that the core has no dependency: zod, valibot, arktype and others implement it.

/**
 * A validator that implements Standard Schema v1 (zod, valibot, arktype, …), as accepted in
 * `createEventBus({ schemas })`.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import type { StandardSchemaV1 } from 'busway/core'
 *
 * const login: StandardSchemaV1<{ userId: string }> = z.object({ userId: z.string() })
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- the shape the standard publishes
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties. */
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1
    readonly vendor: string
    readonly validate: (
      value: unknown,
      options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined,
    ) => Result<Output> | Promise<Result<Output>>
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
  }
  /** The result of `validate`: the output value, or the issues. */
  export type Result<Output> =
    | { readonly value: Output; readonly issues?: undefined }
    | { readonly issues: ReadonlyArray<Issue> }
  /** One problem found by validation. */
  export interface Issue {
    readonly message: string
    readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
  }
  /** The output type of a schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['output']
}
