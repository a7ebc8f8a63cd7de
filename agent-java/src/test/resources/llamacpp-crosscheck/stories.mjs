import {getLlama, LlamaLogLevel} from "node-llama-cpp";
import fs from "fs";
const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.error});
const prompts = fs.readFileSync("/tmp/prompts.txt", "utf8").trim().split("\n").map(l => l.split(" ").map(Number));
for (const f of process.argv.slice(2)) {
  const model = await llama.loadModel({modelPath: f});
  for (const prompt of prompts) {
    const context = await model.createContext({contextSize: 128, threads: 1, flashAttention: false});
    const seq = context.getSequence();
    const out = [];
    for await (const t of seq.evaluate(prompt, {temperature: 0})) { out.push(t); if (out.length >= 32) break; }
    console.log(f.split("/").pop(), out.join(" "));
    await context.dispose();
  }
}
