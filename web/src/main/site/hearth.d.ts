// Types of window.Hearth, the API that hearth-loader.js publishes. A plain script, not a module:
// reference it with `/// <reference path="hearth.d.ts" />` and use the global `Hearth`.
//
// The chat API follows OpenAI's chat-completions shapes (request, ChatCompletion, chat.completion.chunk),
// so code written for OpenAI's SDK or WebLLM reads the same:
//
//   const engine = await Hearth.createEngine({model: 'models/qwen.gguf', onProgress: p => console.log(p)});
//   const r = await engine.chat.completions.create({messages: [{role: 'user', content: 'Hi'}]});
//   for await (const c of await engine.chat.completions.create({messages, stream: true})) {
//     out.textContent += c.choices[0]?.delta.content ?? '';
//   }

declare namespace Hearth {
  // ---------------------------------------------------------------- models and loading

  /**
   * Where a model comes from:
   * - a URL (relative to the page, or absolute; Hugging Face `.../resolve/main/x.gguf` URLs included);
   *   a split file's first part (`name-00001-of-00003.gguf`) fetches every part;
   * - several URLs: the parts of one split model, in order;
   * - a File or Blob (a file input, drag and drop): read in slices, never copied whole, not cached.
   */
  type ModelSource = string | string[] | Blob | Blob[];

  type Backend = 'webgpu' | 'wasm-cpu';

  /**
   * Progress of createEngine. Phases, in order: 'cache' (looking in the browser's cache), 'download'
   * (bytes from the network, written into the cache as they arrive), 'verify' (size and GGUF header of
   * the downloaded file), 'load' (tensors read from the cache, file or network into the engine),
   * 'ready'. A cached model skips 'download' and 'verify' (fromCache: true).
   */
  interface Progress {
    phase: 'cache' | 'download' | 'verify' | 'load' | 'ready';
    /** Bytes done in this phase. */
    loaded: number;
    /** Bytes in this phase; 0 when unknown (a server that sends no Content-Length). */
    total: number;
    /** Rate over this phase so far. */
    bytesPerSecond: number;
    /** Seconds left in this phase at that rate; null when unknown. */
    etaSeconds: number | null;
    /** True when the bytes come from the browser's cache (nothing downloaded). */
    fromCache: boolean;
    /** The file being downloaded (one part of a split model), when phase is 'download'. */
    url?: string;
  }

  interface CreateEngineOptions {
    /** The model to load. */
    model: ModelSource;
    /** Called with progress while the model downloads and loads. */
    onProgress?: (p: Progress) => void;
    /**
     * 'webgpu' requires WebGPU (HearthNoWebGpuError without it); 'wasm-cpu' runs the CPU backend;
     * 'auto' (default) uses WebGPU when the browser has an adapter and falls back to 'wasm-cpu'
     * otherwise, saying why in engine.fallbackReason.
     */
    backend?: Backend | 'auto';
    /** Run Hearth's Java in a dedicated Web Worker (default true) or in the page (false). */
    worker?: boolean;
    /** Force a bundle ('wasm-gc' or 'js'); default: WASM-GC where the browser supports it. */
    bundle?: 'wasm-gc' | 'js';
    /**
     * Keep URL models in the browser's Cache Storage (default true), so a reload downloads nothing.
     * false: read the model with HTTP range requests each time, caching nothing.
     */
    cache?: boolean;
    /** KV cache length in tokens (default 2048, at most the model's context length). */
    contextSize?: number;
    /**
     * A Jinja chat template to use instead of the model's own (tokenizer.chat_template). Models without
     * one get the plain fallback: message contents joined by newlines (fine for base models).
     */
    chatTemplate?: string;
    /** Aborts the download or load (HearthAbortError). Nothing half-written stays in the cache. */
    signal?: AbortSignal;
  }

  interface ModelInfo {
    /** The URL (first part for split models) or the file name. */
    source: string;
    /** general.name from the GGUF metadata, when present. */
    name: string | null;
    architecture: string;
    layers: number;
    vocab: number;
    contextSize: number;
    fileBytes: number;
    /** True when the model ships tokenizer.chat_template (or the options gave one). */
    hasChatTemplate: boolean;
    /** True when the bytes came from the browser's cache. */
    fromCache: boolean;
  }

  // ---------------------------------------------------------------- chat completions (OpenAI shapes)

  interface ToolCall {
    id: string;
    type: 'function';
    function: { name: string; /** JSON text */ arguments: string };
  }

  type ChatMessage =
    | { role: 'system'; content: string; name?: string }
    | { role: 'user'; content: string; name?: string }
    | { role: 'assistant'; content?: string | null; tool_calls?: ToolCall[]; name?: string }
    | { role: 'tool'; content: string; tool_call_id: string; name?: string };

  interface FunctionTool {
    type: 'function';
    function: {
      name: string;
      description?: string;
      /** A JSON Schema of the arguments object. */
      parameters?: Record<string, unknown>;
    };
  }

  type ToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

  type ResponseFormat =
    | { type: 'text' }
    | { type: 'json_object' }
    | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean } };

  interface ChatCompletionRequest {
    messages: ChatMessage[];
    /**
     * Rendered into the prompt by the model's chat template. With tools (tool_choice other than 'none')
     * or a JSON response_format, decoding is constrained by the schema (dev.hearth.llm): tool_choice
     * 'required' or a named function always yields one valid call in message.tool_calls; 'auto' yields
     * either a call or plain content.
     */
    tools?: FunctionTool[];
    tool_choice?: ToolChoice;
    response_format?: ResponseFormat;
    stream?: boolean;
    /** Most tokens to generate (default: until an end-of-turn token or the context is full). */
    max_tokens?: number | null;
    /** 0 is greedy (default 1, OpenAI's default). */
    temperature?: number | null;
    top_p?: number | null;
    /** The same seed, request and model give the same tokens. */
    seed?: number | null;
    /** Up to 4 strings that end the reply (not included in it). */
    stop?: string | string[] | null;
    /** Stops the generation: the promise (or the stream) rejects with HearthAbortError. */
    signal?: AbortSignal;
    /** Ignored, accepted so OpenAI-style requests pass unchanged. */
    model?: string;
  }

  interface Usage {
    /** Tokens of the rendered chat template. */
    prompt_tokens: number;
    /** Tokens generated, the end-of-turn token included. */
    completion_tokens: number;
    total_tokens: number;
  }

  type FinishReason = 'stop' | 'length' | 'tool_calls';

  interface ChatCompletion {
    id: string;
    object: 'chat.completion';
    created: number;
    model: string;
    choices: Array<{
      index: 0;
      message: { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] };
      finish_reason: FinishReason;
      logprobs: null;
    }>;
    usage: Usage;
    /** Hearth's addition: how long the prompt and the generation took. */
    timings?: Timings;
  }

  interface Timings {
    prompt_ms: number;
    decode_ms: number;
    decode_tokens_per_second: number;
  }

  interface ChatCompletionChunk {
    id: string;
    object: 'chat.completion.chunk';
    created: number;
    model: string;
    choices: Array<{
      index: 0;
      delta: {
        role?: 'assistant';
        content?: string | null;
        tool_calls?: Array<{ index: number; id?: string; type?: 'function'; function?: { name?: string; arguments?: string } }>;
      };
      finish_reason: FinishReason | null;
      logprobs: null;
    }>;
    /** Only on the last chunk, the one with finish_reason. */
    usage?: Usage | null;
    /** Only on the last chunk. */
    timings?: Timings;
  }

  /** What create({stream: true}) resolves to: iterate it with for await; abort() stops the generation. */
  interface ChatCompletionStream extends AsyncIterable<ChatCompletionChunk> {
    abort(): void;
  }

  interface Completions {
    create(request: ChatCompletionRequest & { stream: true }): Promise<ChatCompletionStream>;
    create(request: ChatCompletionRequest & { stream?: false | null }): Promise<ChatCompletion>;
    create(request: ChatCompletionRequest): Promise<ChatCompletion | ChatCompletionStream>;
  }

  // ---------------------------------------------------------------- engine

  interface Engine {
    chat: { completions: Completions };
    /** The backend actually running. */
    readonly backend: Backend;
    /** Why the engine runs on 'wasm-cpu' although 'auto' preferred WebGPU; null otherwise. */
    readonly fallbackReason: string | null;
    /** 'wasm-gc' or 'js'. */
    readonly bundle: string;
    readonly model: ModelInfo;
    /** Stops the running completion, if any (it rejects with HearthAbortError). */
    interrupt(): void;
    /** Frees the model (GPU buffers, worker). The engine cannot be used afterwards. */
    unload(): Promise<void>;
  }

  // ---------------------------------------------------------------- agent (dev.hearth.agent's loop)

  interface AgentStep {
    /** From 1. */
    index: number;
    /** 'tool' for a tool call and its result, 'answer' for the final one (the done tool). */
    kind: 'tool' | 'answer';
    tool?: string;
    args?: Record<string, unknown>;
    /** The tool's result: {ok, message}. */
    result?: { ok: boolean; message: string; [key: string]: unknown };
    /** The answer for kind 'answer'; the model's raw text of the step otherwise. */
    content?: string;
    /** The element acted on, for highlighting. */
    ref?: string;
    /** The step as the agent's trace has it (snapshot digest, policy notes, timings). */
    trace: Record<string, unknown>;
  }

  interface AgentResult {
    /** The model's final answer ('' when it stopped without one). */
    answer: string;
    steps: AgentStep[];
    /** The loop's status ('done', 'max_steps', 'cancelled', ...), or 'aborted' after the signal. */
    finish_reason: string;
    status: string;
  }

  interface AgentPolicy {
    /** At most this many steps (default 10). */
    maxSteps?: number;
    /** Sensitive actions (submitting forms, leaving the origin): 'refuse' (default), 'allow', or 'ask' (Hearth.agent.confirm). */
    page?: 'refuse' | 'allow' | 'ask';
    /** Origins navigation may go to besides the page's own. */
    allowOrigins?: string[];
    /** Tool names to offer (default all; 'done' is always offered). */
    tools?: string[];
    systemPrompt?: string;
  }

  interface AgentOptions {
    engine: Engine;
    policy?: AgentPolicy;
  }

  /**
   * The agent acting on this page's DOM. The loop runs in the page (where the DOM is): with an engine
   * created with {worker: false} it uses that engine; with a worker engine the page loads its own copy
   * of the model on the first run (from the same cached Blob or file; unload() frees both).
   */
  interface Agent {
    run(task: string, options?: { onStep?: (step: AgentStep) => void; signal?: AbortSignal }): Promise<AgentResult>;
  }

  // ---------------------------------------------------------------- cache

  interface CachedModel {
    /** The URL the model was loaded from (first part for split models). */
    url: string;
    /** Bytes, all parts together. */
    size: number;
    /** When it was downloaded, ISO 8601. */
    date: string;
    parts: number;
  }

  interface ModelCache {
    /** Complete models in the cache (half-finished downloads are never listed nor used). */
    list(): Promise<CachedModel[]>;
    /** Removes a model (all its parts); resolves to whether it was there. */
    delete(url: string): Promise<boolean>;
    /** The browser's storage estimate for this origin: {usage, quota} in bytes. */
    estimate(): Promise<{ usage: number; quota: number }>;
  }

  // ---------------------------------------------------------------- DOM tools

  interface SnapshotOptions { maxChars?: number; diff?: boolean }
  interface Snapshot {
    text: string;
    refs: Array<{ ref: string; role: string; name: string }>;
    url: string;
    title: string;
    truncated: boolean;
  }
  interface ActResult { ok: boolean; message: string; changes?: unknown; url?: string; [key: string]: unknown }

  interface Dom {
    snapshot(options?: SnapshotOptions): Promise<Snapshot>;
    act(tool: string, args?: Record<string, unknown>): Promise<ActResult>;
    act(request: { tool: string; args?: Record<string, unknown> }): Promise<ActResult>;
  }

  // ---------------------------------------------------------------- errors

  /** Base class of Hearth's errors; `code` is the class name without the Hearth prefix. */
  class HearthError extends Error {
    readonly code: string;
  }
  /** The model could not be fetched, read or parsed (bad URL, HTTP error, not a GGUF file, unsupported architecture). */
  class HearthModelLoadError extends HearthError {
    /** HTTP status when the server answered with an error. */
    readonly status?: number;
  }
  /** backend 'webgpu' was asked for but the browser has no WebGPU adapter. */
  class HearthNoWebGpuError extends HearthError {}
  /** The model does not fit the device (GPU binding limit or memory). */
  class HearthModelTooLargeError extends HearthError {}
  /** The browser's storage quota cannot hold the model. */
  class HearthQuotaError extends HearthError {
    readonly neededBytes: number;
    readonly freeBytes: number;
  }
  /** Stopped by an AbortSignal, stream.abort(), or engine.interrupt(). */
  class HearthAbortError extends HearthError {}
  /** A request the engine cannot serve (bad messages, a prompt longer than the context, unknown option). */
  class HearthRequestError extends HearthError {}
  // ---------------------------------------------------------------- the API

  /** 'wasm-gc' or 'js': the bundle the page loaded. */
  const bundle: string;
  const bundleReason: string;
  const wasmGcSupported: boolean;
  /** Resolves to the bundle name once Hearth's Java runs in the page. */
  const ready: Promise<string>;

  /** Downloads (or takes from the cache) and loads a model; resolves once it can answer. */
  function createEngine(options: CreateEngineOptions): Promise<Engine>;
  /** The agent loop (agent.run) on this page, driven by the engine's model. */
  function createAgent(options: AgentOptions): Agent;

  const cache: ModelCache;
  const dom: Dom;
  /** The WebGPU adapter: {available, reason} or {available, vendor, architecture, limits, features}. */
  function gpuInfo(): Promise<{ available: boolean; reason?: string; vendor?: string; architecture?: string; [key: string]: unknown }>;

  /**
   * Low level, by token ids (tests, benchmarks): the engine operations engine.load / generate / logits
   * without tokenizer or chat template. Runs in a worker unless {inPage: true}.
   */
  function createRawEngine(options?: { inPage?: boolean; bundle?: 'wasm-gc' | 'js' }): RawEngine;

  interface RawEngine {
    load(args: { url?: string; backend?: Backend; contextSize?: number; [key: string]: unknown }): Promise<Record<string, unknown>>;
    generate(args: { prompt: number[]; n?: number; eog?: number[]; temperature?: number; top_k?: number; top_p?: number; seed?: number }):
      Promise<{ ids: number[]; cancelled: boolean; promptTokens: number; prefillMs: number; decodeMs: number; decodeTokens: number }>;
    logits(args: { prompt: number[]; pos?: number }): Promise<number[]>;
    cancel(): Promise<boolean>;
    unload(): Promise<void>;
  }
}

interface Window {
  Hearth: typeof Hearth;
}
