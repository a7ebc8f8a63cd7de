// One wllama (llama.cpp compiled to WebAssembly) bench run in the page, for dev.hearth.e2e.bench.BenchCli.
// Loaded with import() from the StaticServer, next to wllama's own files (installed by the bench with npm).
//
// run(a): a = {lib, assets, major, model, prompts: [[ids]...], decode, threads, contextSize, gpu}
//   lib     URL of wllama's esm/index.js
//   assets  URL of wllama's esm/ folder (its .wasm files)
//   prompts token ids: the first prompt is followed by `decode` greedy tokens, the others only prefill
//           (3.x: digit text of about that many tokens, see completion3)
// answers {loadMs, multiThread, threads, runs: [{promptTokens, prefillMs, decodeMs, decodeTokens}], jsHeapBytes}
// (the page's heap only: wllama's wasm memory lives in its workers; BenchCli reads the process's peak)
//
// Timing: wall clock in this page around wllama's calls (each is a message to its worker and back), as a
// user of the library sees it; 3.x only has the llama-server-shaped createCompletion, whose own timings
// (prompt_ms, predicted_ms) are used for it.

export async function run(a) {
  const abs = (u) => new URL(u, location.href).href; // wllama's workers fetch: relative URLs would not resolve
  a = { ...a, lib: abs(a.lib), assets: abs(a.assets), model: abs(a.model) };
  const { Wllama } = await import(a.lib);
  const quiet = { debug() {}, log() {}, warn: console.warn.bind(console), error: console.error.bind(console) };
  const paths = a.major >= 3
    ? { default: a.assets + 'wasm/wllama.wasm' }
    : { 'single-thread/wllama.wasm': a.assets + 'single-thread/wllama.wasm',
        'multi-thread/wllama.wasm': a.assets + 'multi-thread/wllama.wasm' };
  const w = new Wllama(paths, a.verbose ? { logger: console } : { suppressNativeLog: true, logger: quiet });
  const load = { n_ctx: a.contextSize, n_threads: a.threads, n_batch: 512, useCache: false };
  if (a.major >= 3 && !a.gpu) {
    load.n_gpu_layers = 0; // its CPU path, like 2.x (3.x would otherwise try WebGPU)
  }
  const t0 = performance.now();
  await w.loadModelFromUrl(a.model, load);
  const loadMs = performance.now() - t0;
  const runs = [];
  try {
    for (let i = 0; i < a.prompts.length; i++) {
      const n = i === 0 ? a.decode : 0;
      runs.push(a.major >= 3 ? await completion3(w, a.prompts[i], n) : await completion2(w, a.prompts[i], n));
    }
    const jsHeapBytes = performance.memory ? performance.memory.usedJSHeapSize : -1;
    return { loadMs, multiThread: w.isMultithread(), threads: w.getNumThreads(), runs, jsHeapBytes };
  } finally {
    await w.exit();
  }
}

// 2.x: llama_decode on the prompt, then greedy sample + decode one token at a time.
async function completion2(w, prompt, n) {
  await w.kvClear();
  await w.samplingInit({ temp: 0 });
  const t0 = performance.now();
  await w.decode(prompt, {});
  let { token } = await w.samplingSample();
  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    await w.samplingAccept([token]);
    await w.decode([token], {});
    ({ token } = await w.samplingSample());
  }
  const t2 = performance.now();
  return { promptTokens: prompt.length, prefillMs: t1 - t0, decodeMs: t2 - t1, decodeTokens: n };
}

// 3.x: one completion of n + 1 tokens (the first comes with the prompt), end of text ignored, no prompt
// cache. Its llama-server-shaped API takes text only: the prompt is digits, which the bench models'
// vocabularies keep apart (byte tokens in the random models), so that BOS + the space prefix + the digits
// come to about as many tokens as the prompt; the rate is computed from the count llama.cpp reports.
async function completion3(w, prompt, n) {
  let text = '';
  for (let i = 0; i < prompt.length - 4; i++) {
    text += String.fromCharCode(48 + (prompt[i] % 10));
  }
  const r = await w.createCompletion({
    prompt: text, max_tokens: n + 1, temperature: 0, top_k: 1, ignore_eos: true, cache_prompt: false,
  });
  const t = r.timings;
  if (!t) {
    throw new Error('wllama 3 answered no timings: ' + JSON.stringify(r).slice(0, 300));
  }
  if (t.prompt_n < 0.75 * prompt.length || t.prompt_n > prompt.length + 8) {
    throw new Error('wllama 3 evaluated ' + t.prompt_n + ' prompt tokens for a ' + prompt.length + '-token prompt');
  }
  // predicted_n counts the first token, sampled right after the prompt: n decode steps follow it
  return { promptTokens: t.prompt_n, prefillMs: t.prompt_ms, decodeMs: n > 0 ? t.predicted_ms : 0,
           decodeTokens: n > 0 ? t.predicted_n - 1 : 0 };
}
