import {getLlama, LlamaLogLevel} from "node-llama-cpp";
const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.error});
const prompt = [1, 300, 301, 302, 260];
for (const f of process.argv.slice(2)) {
  try {
    const model = await llama.loadModel({modelPath: f});
    const context = await model.createContext({contextSize: 64, threads: 1, flashAttention: false});
    const seq = context.getSequence();
    const out = [];
    for await (const t of seq.evaluate(prompt, {temperature: 0})) { out.push(t); if (out.length >= 12) break; }
    console.log(f.split("/").pop(), JSON.stringify(out));
    await context.dispose(); await model.dispose();
  } catch (e) { console.log(f.split("/").pop(), "ERROR", e.message); }
}
