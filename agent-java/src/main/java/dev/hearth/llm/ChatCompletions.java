package dev.hearth.llm;

import dev.hearth.chat.ChatTemplate;
import dev.hearth.grammar.Grammar;
import dev.hearth.grammar.JsonSchema;
import dev.hearth.grammar.SchemaException;
import dev.hearth.grammar.TokenConstraint;
import dev.hearth.grammar.ToolCallSchema;
import dev.hearth.grammar.VocabularyTrie;
import dev.hearth.json.Json;
import dev.hearth.json.JsonException;
import dev.hearth.model.LogitsSource;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.sampling.StopStrings;
import dev.hearth.tokenizer.TokenDecoder;
import dev.hearth.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * OpenAI-shaped chat completions over any model: renders the messages (and tools) with the model's chat
 * template, tokenizes, samples, and answers in the shape of {@code POST /v1/chat/completions}, as plain
 * maps and lists ({@link Json#write} turns them into the wire JSON).
 *
 * <h2>Tool calls and JSON output</h2>
 * Output is constrained by a JSON Schema grammar ({@link JsonSchema}) whenever a structure is asked for:
 * <ul>
 *   <li>{@code response_format} {@code json_object} (any object) or {@code json_schema} (its schema): the
 *       content is compact JSON valid against the schema.</li>
 *   <li>{@code tool_choice} {@code "required"} or {@code {type: "function", function: {name}}}: the output is
 *       one call {@code {"name": <tool>, "arguments": <its parameters>}} ({@link ToolCallSchema}), returned as
 *       {@code message.tool_calls[0]} with {@code arguments} as a JSON string; finish_reason
 *       {@code "tool_calls"}.</li>
 *   <li>{@code tool_choice} {@code "auto"} (the default when tools are given): the output is constrained to
 *       either such a call or {@code {"content": "<text>"}}; the first becomes a tool call, the second the
 *       message content. Small models do not reliably emit a family's own markers ({@code <tool_call>...});
 *       a grammar that leaves them only these two shapes always gives a call that parses and validates, or
 *       plain text. The chat template still renders {@code tools} in the family's own words, so the model
 *       knows what the tools are.</li>
 *   <li>{@code tool_choice} {@code "none"} or no tools: free text.</li>
 * </ul>
 * Constrained output has no whitespace between tokens of JSON, keys in schema order; see {@link JsonSchema}
 * for the keywords. If {@code max_tokens} runs out before the JSON is complete, finish_reason is
 * {@code "length"} and the partial text is the content (no tool_calls; in "auto" mode a cut-short
 * {@code {"content": ...}} envelope is unwrapped to its text). Stop strings apply to free text only.
 *
 * <h2>Streaming and cancelling</h2>
 * {@link #create(Map, Consumer, BooleanSupplier)} hands each delta to the callback as a
 * {@code chat.completion.chunk}: first {@code {role: "assistant"}}, then content pieces (whole UTF-8
 * characters; text that could be the start of a stop string is held back until it is not), then, for a tool
 * call, one delta with the whole call, and last an empty delta with the finish_reason. The cancel flag is read
 * between tokens; a cancelled completion ends with finish_reason {@code "cancelled"} (not an OpenAI value)
 * and what was generated so far.
 *
 * <p>Each request starts the model at position 0 (no prompt cache between requests). Not thread-safe: one
 * request at a time per instance, since the model holds one KV cache.
 */
public final class ChatCompletions {
    private final LogitsSource model;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final String modelName;
    private VocabularyTrie trie;
    private long requests;

    /** modelName is echoed in responses' {@code model}. */
    public ChatCompletions(LogitsSource model, Tokenizer tokenizer, ChatTemplate template, String modelName) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.template = template;
        this.modelName = modelName;
    }

    /** Completes without streaming. */
    public Map<String, Object> create(Map<String, Object> request) {
        return create(request, null, null);
    }

    /**
     * Completes the request; onChunk (may be null) receives {@code chat.completion.chunk} maps as tokens
     * come, cancelled (may be null) is read between tokens.
     *
     * @throws CompletionRequestException when the request is malformed, names unknown tools, has a schema the
     *     grammar cannot compile, or its prompt does not fit the model's context
     */
    public Map<String, Object> create(Map<String, Object> request, Consumer<Map<String, Object>> onChunk,
                                      BooleanSupplier cancelled) {
        CompletionRequest r = new CompletionRequest(request);
        String id = "chatcmpl-" + (++requests);
        long created = System.currentTimeMillis() / 1000;

        String prompt = template.render(r.messages, r.tools, true, null);
        int[] promptIds = tokenizer.encode(prompt, true, true);
        int context = model.contextSize();
        if (promptIds.length == 0) {
            throw new CompletionRequestException("the rendered prompt is empty");
        }
        if (promptIds.length >= context) {
            throw new CompletionRequestException("the prompt is " + promptIds.length + " tokens; the context holds "
                    + context + ": shorten the conversation or load the model with a larger context");
        }
        int maxTokens = context - promptIds.length;
        if (r.maxTokens > 0) {
            maxTokens = Math.min(maxTokens, r.maxTokens);
        }

        TokenConstraint constraint = constraint(r);
        SamplerSettings settings = SamplerSettings.greedy().withTemperature(r.temperature).withTopP(r.topP)
                .withPresencePenalty(r.presencePenalty).withFrequencyPenalty(r.frequencyPenalty)
                .withPenaltyLastN(-1)
                .withSeed(r.seed != null ? r.seed : System.nanoTime());
        Sampler sampler = new Sampler(settings);
        StopStrings stops = new StopStrings(r.mode == CompletionRequest.Mode.TEXT ? r.stop : new ArrayList<>());
        boolean streamText = r.mode == CompletionRequest.Mode.TEXT || r.mode == CompletionRequest.Mode.JSON;

        Chunks chunks = new Chunks(onChunk, id, created, modelName);
        chunks.delta("role", "assistant");
        TokenDecoder decoder = tokenizer.streamingDecoder();
        StringBuilder text = new StringBuilder();
        int shown = 0; // characters of text already streamed
        String finish = "length";
        int generated = 0;

        float[] logits = model.forward(promptIds, 0);
        int pos = promptIds.length;
        while (generated < maxTokens) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                finish = "cancelled";
                break;
            }
            if (constraint != null) {
                constraint.mask(logits);
            }
            int next = sampler.sample(logits);
            sampler.accept(next);
            if (constraint != null) {
                constraint.accept(next);
            }
            generated++;
            if (tokenizer.isEog(next)) {
                finish = "stop";
                break;
            }
            text.append(decoder.add(next));
            int at = stops.find(text);
            if (at >= 0) {
                text.setLength(at);
                finish = "stop";
                break;
            }
            if (streamText) {
                int visible = text.length() - stops.holdBack(text);
                if (visible > shown) {
                    chunks.delta("content", text.substring(shown, visible));
                    shown = visible;
                }
            }
            if (constraint != null && constraint.isFinished()) {
                finish = "stop";
                break;
            }
            if (generated < maxTokens) {
                logits = model.forward(new int[] {next}, pos++);
            }
        }
        if (!finish.equals("stop") || stops.isEmpty()) {
            text.append(decoder.flush());
        }

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        String content = text.toString();
        List<Object> toolCalls = null;
        boolean toolMode = r.mode == CompletionRequest.Mode.TOOL_CALL || r.mode == CompletionRequest.Mode.TOOL_OR_TEXT;
        if (toolMode && finish.equals("stop")) {
            Map<String, Object> out = Json.asObject(Json.parse(content));
            if (out.containsKey("content")) {
                content = (String) out.get("content");
            } else {
                Map<String, Object> fn = new LinkedHashMap<>();
                fn.put("name", out.get("name"));
                fn.put("arguments", Json.write(out.get("arguments")));
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("id", "call_" + requests + "_0");
                call.put("type", "function");
                call.put("function", fn);
                toolCalls = new ArrayList<>();
                toolCalls.add(call);
                content = null;
                finish = "tool_calls";
            }
        } else if (r.mode == CompletionRequest.Mode.TOOL_OR_TEXT && content.startsWith("{\"content\":\"")) {
            // text cut short by max_tokens or a cancel: show the text, not the unfinished envelope
            try {
                content = (String) Json.asObject(Json.parse(content + "\"}")).get("content");
            } catch (JsonException e) {
                // cut inside an escape: keep the raw text
            }
        }
        if (streamText && content != null && content.length() > shown) {
            chunks.delta("content", content.substring(shown));
        } else if (!streamText && toolCalls == null && content != null && !content.isEmpty()) {
            chunks.delta("content", content);
        }
        if (toolCalls != null) {
            Map<String, Object> streamed = new LinkedHashMap<>(Json.asObject(toolCalls.get(0)));
            streamed.put("index", 0L);
            List<Object> list = new ArrayList<>();
            list.add(streamed);
            chunks.delta("tool_calls", list);
        }
        chunks.finish(finish);
        message.put("content", content);
        if (toolCalls != null) {
            message.put("tool_calls", toolCalls);
        }

        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0L);
        choice.put("message", message);
        choice.put("finish_reason", finish);
        List<Object> choices = new ArrayList<>();
        choices.add(choice);
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", (long) promptIds.length);
        usage.put("completion_tokens", (long) generated);
        usage.put("total_tokens", (long) (promptIds.length + generated));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", id);
        response.put("object", "chat.completion");
        response.put("created", created);
        response.put("model", modelName);
        response.put("choices", choices);
        response.put("usage", usage);
        return response;
    }

    /** The grammar constraint of the request's mode, or null for free text. */
    private TokenConstraint constraint(CompletionRequest r) {
        Object schema;
        switch (r.mode) {
            case JSON:
                schema = r.jsonSchema;
                break;
            case TOOL_CALL:
                schema = ToolCallSchema.of(r.callable);
                break;
            case TOOL_OR_TEXT: {
                Map<String, Object> text = Json.asObject(Json.parse("{\"type\":\"object\",\"properties\":"
                        + "{\"content\":{\"type\":\"string\"}},\"required\":[\"content\"],\"additionalProperties\":false}"));
                Map<String, Object> calls = ToolCallSchema.of(r.callable);
                List<Object> alts = new ArrayList<>();
                if (calls.containsKey("anyOf")) {
                    alts.addAll(Json.asArray(calls.get("anyOf")));
                } else {
                    alts.add(calls);
                }
                alts.add(text);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("anyOf", alts);
                schema = s;
                break;
            }
            default:
                return null;
        }
        Grammar g;
        try {
            g = JsonSchema.compile(schema);
        } catch (SchemaException e) {
            throw new CompletionRequestException("the schema cannot be used for constrained output: " + e.getMessage());
        } catch (JsonException e) {
            throw new CompletionRequestException("the schema is malformed: " + e.getMessage());
        }
        if (trie == null) {
            trie = VocabularyTrie.of(tokenizer);
        }
        return new TokenConstraint(g, trie);
    }

    /** Builds and hands out chat.completion.chunk maps. */
    private static final class Chunks {
        private final Consumer<Map<String, Object>> sink;
        private final String id;
        private final long created;
        private final String model;

        Chunks(Consumer<Map<String, Object>> sink, String id, long created, String model) {
            this.sink = sink;
            this.id = id;
            this.created = created;
            this.model = model;
        }

        void delta(String key, Object value) {
            if (sink == null) {
                return;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(key, value);
            send(d, null);
        }

        void finish(String reason) {
            if (sink != null) {
                send(new LinkedHashMap<>(), reason);
            }
        }

        private void send(Map<String, Object> delta, String finish) {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0L);
            choice.put("delta", delta);
            choice.put("finish_reason", finish);
            List<Object> choices = new ArrayList<>();
            choices.add(choice);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", id);
            c.put("object", "chat.completion.chunk");
            c.put("created", created);
            c.put("model", model);
            c.put("choices", choices);
            sink.accept(c);
        }
    }
}
