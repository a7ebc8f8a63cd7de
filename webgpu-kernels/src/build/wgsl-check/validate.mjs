// node validate.mjs FILE.wgsl...: parses and validates each file with naga (wgpu's WGSL front end and
// validator, compiled to WebAssembly). Prints "ok FILE" or "FAIL FILE" with naga's report; exits 1 on
// any failure. A second compiler besides the browser's Tint: it checks the f16 variants that the CI
// adapter (SwiftShader, no shader-f16) cannot compile.
import { parseWgsl, validate } from "naga-wasm";
import { readFileSync } from "node:fs";

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const module = parseWgsl(readFileSync(file, "utf8"));
    const info = validate(module);
    info.free();
    module.free();
    console.log("ok " + file);
  } catch (e) {
    failed++;
    console.log("FAIL " + file + "\n" + (e.formatted || e.message));
  }
}
process.exit(failed ? 1 : 0);
