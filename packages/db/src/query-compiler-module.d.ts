/** The wasm-bindgen glue of Prisma's query compiler, which the generated client loads by this name. */
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
    compileBatch(request: string): unknown;
  }
}
