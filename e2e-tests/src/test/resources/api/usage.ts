/// <reference path="hearth.d.ts" />
// Written against hearth.d.ts only. DeclarationsE2eTest type-checks it with tsc --strict, compiles it,
// and runs it in a page against the real loader: the declarations and the code must agree.

async function hearthUsage(model: string): Promise<Record<string, unknown>> {
  const phases: Hearth.Progress['phase'][] = [];
  const engine: Hearth.Engine = await Hearth.createEngine({
    model,
    backend: 'auto',
    contextSize: 256,
    onProgress: (p: Hearth.Progress) => { if (!phases.includes(p.phase)) phases.push(p.phase); },
  });
  const messages: Hearth.ChatMessage[] = [
    { role: 'system', content: 'You tell short stories.' },
    { role: 'user', content: 'Once upon a time' },
  ];
  const whole: Hearth.ChatCompletion = await engine.chat.completions.create({ messages, max_tokens: 12, seed: 3, temperature: 0.7 });
  const stream: Hearth.ChatCompletionStream = await engine.chat.completions.create({ messages, max_tokens: 12, seed: 3, temperature: 0.7, stream: true });
  let streamed = '';
  let usage: Hearth.Usage | null | undefined = null;
  for await (const chunk of stream) {
    streamed += chunk.choices[0]?.delta.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  let refused = '';
  try {
    await engine.chat.completions.create({ messages: [] });
  } catch (e) {
    if (e instanceof Hearth.HearthRequestError) refused = e.code;
  }
  const cached: Hearth.CachedModel[] = await Hearth.cache.list();
  const storage = await Hearth.cache.estimate();
  const info: Hearth.ModelInfo = engine.model;
  const backend: Hearth.Backend = engine.backend;
  await engine.unload();
  return {
    phases,
    same: whole.choices[0].message.content === streamed,
    finish: whole.choices[0].finish_reason,
    usage: usage?.total_tokens === whole.usage.total_tokens,
    refused,
    cached: cached.map(c => c.url.endsWith(model)),
    storage: storage.quota > 0,
    architecture: info.architecture,
    backend,
  };
}

(window as unknown as { hearthUsage: typeof hearthUsage }).hearthUsage = hearthUsage;
