// The Standard Schema v1 interface (https://standardschema.dev), copied as its authors invite
// ("you can copy the types into your library"): the published types need no dependency, and
// zod, valibot, arktype and the rest match it structurally. `@standard-schema/spec` is a
// devDependency only, for the test that these copies still match the original.

/**
 * A validator any Standard Schema library produces (zod 4, valibot 1, arktype 2, …).
 * @example
 * ```ts
 * import { z } from 'zod';
 * const schema: StandardSchemaV1<{ email: string }> = z.object({ email: z.email() });
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaProps<Input, Output>;
}

/** The `~standard` property of a Standard Schema. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1;
  readonly vendor: string;
  readonly validate: (
    value: unknown,
    options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined,
  ) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

/** What `validate` returns: the output value, or the issues. */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

/** One validation problem, with the path to the value at fault. */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** The input type of a schema (what a producer passes). */
export type InferSchemaInput<S extends StandardSchemaV1> = NonNullable<
  S['~standard']['types']
>['input'];

/** The output type of a schema (what a handler receives). */
export type InferSchemaOutput<S extends StandardSchemaV1> = NonNullable<
  S['~standard']['types']
>['output'];
