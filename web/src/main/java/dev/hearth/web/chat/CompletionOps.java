package dev.hearth.web.chat;

import dev.hearth.chat.ChatTemplate;
import dev.hearth.gguf.GgufFile;
import dev.hearth.json.Json;
import dev.hearth.llm.ChatCompletions;
import dev.hearth.llm.CompletionRequestException;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.sampling.StopStrings;
import dev.hearth.tokenizer.TokenDecoder;
import dev.hearth.tokenizer.Tokenizer;
import dev.hearth.tokenizer.Vocabulary;
import dev.hearth.web.bridge.JsBridge;
import dev.hearth.web.engine.EngineOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;

/**
 * {@code chat.complete}: an OpenAI-shaped chat completion request (messages, max_tokens, temperature,
 * top_p, seed, stop, stream, tools) answered by the loaded engine. The prompt is the model's chat
 * template (GGUF {@code tokenizer.chat_template}, or {@code chat_template} in the request) rendered
 * with {@link ChatTemplate}, tokenized with the model's own vocabulary. With {@code stream: true}
 * each piece of text is emitted as a {@code chat.completion.chunk} event before the result, the last
 * chunk carrying finish_reason and usage; the result is always the whole {@code chat.completion}.
 *
 * <p>Requests with tools (tool_choice other than none) or response_format json_object/json_schema go to the
 * grammar-constrained core, {@link ChatCompletions}: its output always parses and validates, and tool
 * calls come back as {@code tool_calls}.
 */
public final class CompletionOps {
    /** Candidates considered when sampling: the most the WebGPU backend reads back, on both backends. */
    static final int TOP_K = 64;

    private static GgufFile tokenizerFile;
    private static Tokenizer tokenizer;

    private CompletionOps() {}

    public static void register(Map<String, JsBridge.Operation> ops) {
        ops.put("chat.complete", (JsBridge.StreamingOperation) CompletionOps::complete);
    }

    @JSBody(script = "return performance.now();")
    private static native double now();

    private static Tokenizer tokenizer(GgufFile f) {
        if (tokenizerFile != f) {
            tokenizer = Tokenizer.fromGguf(f);
            tokenizerFile = f;
        }
        return tokenizer;
    }

    static String complete(String argsJson, JsBridge.Call call) {
        EngineOps.requireLoaded();
        GgufFile f = EngineOps.gguf();
        Tokenizer tok = tokenizer(f);
        Map<String, Object> req = Json.asObject(Json.parse(argsJson));
        if (needsGrammar(req)) {
            return constrained(req, f, tok, call);
        }
        boolean stream = Boolean.TRUE.equals(req.get("stream"));
        int[] prompt = prompt(req, f, tok);
        int ctx = EngineOps.contextSize();
        if (prompt.length >= ctx) {
            throw new ChatRequestException("the prompt is " + prompt.length + " tokens but the context holds " + ctx
                    + "; shorten the conversation or create the engine with a larger contextSize");
        }
        int maxTokens = intOr(req, "max_tokens", intOr(req, "max_completion_tokens", Integer.MAX_VALUE));
        if (maxTokens < 1) {
            throw new ChatRequestException("max_tokens must be at least 1, got " + maxTokens);
        }
        double temperature = numberOr(req, "temperature", 1.0);
        Sampler sampler = null;
        if (temperature > 0) {
            long seed = req.get("seed") instanceof Number ? ((Number) req.get("seed")).longValue()
                    : (long) (Math.random() * 9.0e15);
            sampler = new Sampler(SamplerSettings.defaults().withTemperature((float) temperature).withTopK(TOP_K)
                    .withTopP((float) numberOr(req, "top_p", 1.0)).withMinP(0f).withSeed(seed));
        }
        StopStrings stops = new StopStrings(stopList(req.get("stop")));

        String id = "chatcmpl-" + Long.toString((long) (Math.random() * 1e15), 36);
        long created = (long) (epochMillis() / 1000);
        String model = f.getString("general.name", "hearth");
        Chunks chunks = new Chunks(id, created, model, stream ? call : null);
        chunks.delta(role());

        double t0 = now();
        int next = EngineOps.nextToken(prompt, 0, sampler, TOP_K);
        double t1 = now();
        int pos = prompt.length;
        TokenDecoder decoder = tok.streamingDecoder();
        StringBuilder text = new StringBuilder();
        int shown = 0; // characters of text already sent as deltas
        int generated = 0;
        String finish = "length";
        boolean cutAtStop = false;
        CancelPoll cancel = new CancelPoll(call);
        while (true) {
            generated++;
            if (tok.isEog(next)) {
                finish = "stop";
                break;
            }
            text.append(decoder.add(next));
            int stopAt = stops.find(text);
            if (stopAt >= 0) {
                text.setLength(stopAt);
                finish = "stop";
                cutAtStop = true;
                break;
            }
            int safe = text.length() - stops.holdBack(text);
            if (safe > shown) {
                chunks.delta(content(text.substring(shown, safe)));
                shown = safe;
            }
            if (generated >= maxTokens || pos >= ctx) {
                break;
            }
            if (cancel.cancelled()) {
                throw new CompletionCancelledException();
            }
            next = EngineOps.nextToken(new int[] {next}, pos++, sampler, TOP_K);
        }
        if (!cutAtStop) {
            text.append(decoder.flush());
        }
        if (text.length() > shown) {
            chunks.delta(content(text.substring(shown)));
        }
        double t2 = now();

        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", (long) prompt.length);
        usage.put("completion_tokens", (long) generated);
        usage.put("total_tokens", (long) (prompt.length + generated));
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("prompt_ms", t1 - t0);
        timings.put("decode_ms", t2 - t1);
        timings.put("decode_tokens_per_second", generated > 1 ? (generated - 1) * 1000.0 / Math.max(1e-3, t2 - t1) : 0.0);
        chunks.last(finish, usage, timings);

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", text.toString());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0L);
        choice.put("message", message);
        choice.put("finish_reason", finish);
        choice.put("logprobs", null);
        Map<String, Object> r = chunks.envelope("chat.completion");
        r.put("choices", java.util.Collections.singletonList(choice));
        r.put("usage", usage);
        r.put("timings", timings);
        return Json.write(r);
    }

    /**
     * Whether the request asks for JSON (response_format json_object / json_schema) or offers tools the
     * model may call: those are answered by the grammar-constrained core ({@link ChatCompletions}).
     */
    static boolean needsGrammar(Map<String, Object> req) {
        Object rf = req.get("response_format");
        if (rf instanceof Map && !"text".equals(((Map<?, ?>) rf).get("type"))) {
            return true;
        }
        Object tools = req.get("tools");
        return tools instanceof List && !((List<?>) tools).isEmpty() && !"none".equals(req.get("tool_choice"));
    }

    /**
     * Tool calls and JSON output through {@link ChatCompletions}: the same model, tokenizer and chat
     * template, decoding masked by the schema so the reply always parses. Its chunks go out as bridge
     * events when streaming; a cancel is read between tokens.
     */
    @SuppressWarnings("unchecked")
    private static String constrained(Map<String, Object> req, GgufFile f, Tokenizer tok, JsBridge.Call call) {
        String template = template(req, f);
        if (template == null) {
            throw new ChatRequestException("tools and response_format need the model's chat template, and this GGUF has "
                    + "none (tokenizer.chat_template): pass chat_template with the request or use a chat model");
        }
        boolean stream = Boolean.TRUE.equals(req.get("stream"));
        Map<String, Object> r = new LinkedHashMap<>(req);
        r.remove("chat_template");
        r.remove("stream");
        r.remove("stream_options");
        ChatCompletions completions = new ChatCompletions(EngineOps.logitsSource(), tok,
                new ChatTemplate(template), f.getString("general.name", "hearth"));
        CancelPoll cancel = new CancelPoll(call);
        Map<String, Object> result;
        try {
            result = completions.create(r, stream ? chunk -> call.emit(Json.write(chunk)) : null, cancel::cancelled);
        } catch (CompletionRequestException e) {
            throw new ChatRequestException(e.getMessage());
        }
        List<Object> choices = (List<Object>) result.get("choices");
        if (call.cancelled() || choices != null && !choices.isEmpty()
                && "cancelled".equals(((Map<String, Object>) choices.get(0)).get("finish_reason"))) {
            throw new CompletionCancelledException();
        }
        return Json.write(result);
    }

    /** Prompt ids: the rendered chat template, or without one the message contents joined by newlines. */
    @SuppressWarnings("unchecked")
    static int[] prompt(Map<String, Object> req, GgufFile f, Tokenizer tok) {
        if (!(req.get("messages") instanceof List) || ((List<?>) req.get("messages")).isEmpty()) {
            throw new ChatRequestException("messages must be a non-empty array of {role, content}");
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Object o : (List<Object>) req.get("messages")) {
            if (!(o instanceof Map) || !(((Map<?, ?>) o).get("role") instanceof String)) {
                throw new ChatRequestException("each message needs a role (system, user, assistant or tool): " + Json.write(o));
            }
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) o);
            m.put("content", contentText(m.get("content")));
            messages.add(m);
        }
        List<Map<String, Object>> tools = req.get("tools") instanceof List && !"none".equals(req.get("tool_choice"))
                ? (List<Map<String, Object>>) req.get("tools") : null;
        if (tools != null && tools.isEmpty()) {
            tools = null;
        }
        String template = template(req, f);
        Vocabulary v = tok.vocabulary();
        if (template == null) {
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> m : messages) {
                String c = (String) m.get("content");
                if (c != null && !c.isEmpty()) {
                    b.append(b.length() > 0 ? "\n" : "").append(c);
                }
            }
            return tok.encode(b.toString(), true, false);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        String bos = v.bos >= 0 ? v.tokens[v.bos] : "";
        extra.put("bos_token", bos);
        extra.put("eos_token", v.eos >= 0 ? v.tokens[v.eos] : "");
        String text = new ChatTemplate(template).render(messages, tools, true, extra);
        // Templates that write the BOS token themselves must not get a second one.
        boolean addBos = bos.isEmpty() || !text.startsWith(bos);
        return tok.encode(text, addBos, true);
    }

    /** A message's content as text: a string, null, or OpenAI's array of {type: "text", text} parts. */
    private static Object contentText(Object c) {
        if (c == null || c instanceof String) {
            return c;
        }
        if (c instanceof List) {
            StringBuilder b = new StringBuilder();
            for (Object part : (List<?>) c) {
                if (part instanceof Map && "text".equals(((Map<?, ?>) part).get("type"))) {
                    b.append(((Map<?, ?>) part).get("text"));
                } else {
                    throw new ChatRequestException("only text content parts are supported, got " + Json.write(part));
                }
            }
            return b.toString();
        }
        throw new ChatRequestException("message content must be a string or an array of text parts, got " + Json.write(c));
    }

    private static List<String> stopList(Object stop) {
        List<String> out = new ArrayList<>();
        if (stop instanceof String) {
            out.add((String) stop);
        } else if (stop instanceof List) {
            for (Object s : (List<?>) stop) {
                if (!(s instanceof String)) {
                    throw new ChatRequestException("stop must be a string or an array of strings, got " + Json.write(stop));
                }
                out.add((String) s);
            }
        } else if (stop != null) {
            throw new ChatRequestException("stop must be a string or an array of strings, got " + Json.write(stop));
        }
        if (out.size() > 4) {
            throw new ChatRequestException("at most 4 stop strings, got " + out.size());
        }
        return out;
    }

    private static int intOr(Map<String, Object> req, String key, int dflt) {
        Object v = req.get(key);
        return v instanceof Number ? (int) Math.min(Integer.MAX_VALUE, ((Number) v).longValue()) : dflt;
    }

    private static double numberOr(Map<String, Object> req, String key, double dflt) {
        Object v = req.get(key);
        return v instanceof Number ? ((Number) v).doubleValue() : dflt;
    }

    private static Map<String, Object> role() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("role", "assistant");
        d.put("content", "");
        return d;
    }

    private static Map<String, Object> content(String s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("content", s);
        return d;
    }

    /** The request's chat_template if it gives one, else the GGUF's tokenizer.chat_template (null if none). */
    private static String template(Map<String, Object> req, GgufFile f) {
        return req.get("chat_template") instanceof String ? (String) req.get("chat_template")
                : f.getString("tokenizer.chat_template", null);
    }

    /**
     * Reads the bridge's cancel flag between tokens. The CPU backend never awaits, so a cancel message
     * would never be delivered: every 50 ms (and at the first poll, so an early cancel is seen at once)
     * it sleeps 1 ms to let the event loop run.
     */
    private static final class CancelPoll {
        private final JsBridge.Call call;
        private double lastYield;

        CancelPoll(JsBridge.Call call) {
            this.call = call;
        }

        boolean cancelled() {
            if (now() - lastYield > 50) {
                sleep();
                lastYield = now();
            }
            return call.cancelled();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @JSBody(script = "return Date.now();")
    private static native double epochMillis();

    /** Builds chat.completion.chunk objects and emits them, when the caller streams. */
    private static final class Chunks {
        private final String id;
        private final long created;
        private final String model;
        private final JsBridge.Call call;

        Chunks(String id, long created, String model, JsBridge.Call call) {
            this.id = id;
            this.created = created;
            this.model = model;
            this.call = call;
        }

        Map<String, Object> envelope(String object) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("object", object);
            r.put("created", created);
            r.put("model", model);
            return r;
        }

        void delta(Map<String, Object> delta) {
            if (call != null) {
                emit(delta, null, null, null);
            }
        }

        void last(String finish, Map<String, Object> usage, Map<String, Object> timings) {
            if (call != null) {
                emit(new LinkedHashMap<>(), finish, usage, timings);
            }
        }

        private void emit(Map<String, Object> delta, String finish, Map<String, Object> usage, Map<String, Object> timings) {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0L);
            choice.put("delta", delta);
            choice.put("finish_reason", finish);
            choice.put("logprobs", null);
            Map<String, Object> c = envelope("chat.completion.chunk");
            c.put("choices", java.util.Collections.singletonList(choice));
            if (usage != null) {
                c.put("usage", usage);
                c.put("timings", timings);
            }
            call.emit(Json.write(c));
        }
    }
}
