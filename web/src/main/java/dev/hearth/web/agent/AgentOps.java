package dev.hearth.web.agent;

import dev.hearth.agent.Agent;
import dev.hearth.agent.AgentListener;
import dev.hearth.agent.AgentModel;
import dev.hearth.agent.AgentOptions;
import dev.hearth.agent.AgentResult;
import dev.hearth.agent.AgentTools;
import dev.hearth.agent.Cancellation;
import dev.hearth.agent.CompletionAgentModel;
import dev.hearth.agent.ConstrainedDecoder;
import dev.hearth.agent.TraceStep;
import dev.hearth.gguf.GgufFile;
import dev.hearth.grammar.VocabularyTrie;
import dev.hearth.json.Json;
import dev.hearth.model.LogitsSource;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.tools.ToolSpec;
import dev.hearth.tokenizer.Tokenizer;
import dev.hearth.web.bridge.JsBridge;
import dev.hearth.web.engine.EngineOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;

/**
 * The agent in the page, behind {@code Hearth.agent}:
 * <ul>
 *   <li>{@code agent.load} {url, backend, contextSize, ...}: loads the engine ({@code engine.load}, same
 *       arguments) and the model's tokenizer and chat template. Everything is fetched here: a run fetches nothing.</li>
 *   <li>{@code agent.run} {task, maxSteps, policy: "refuse" | "allow" | "ask", allowOrigins: [...], tools: [names],
 *       temperature, seed, script: [calls]}: greedy unless a temperature above 0 is given;
 *       runs the loop on this page; answers {status, answer, steps, trace: [steps]}. Each step is also sent as it
 *       happens: a {@code hearth-agent-step} event on window (detail: the step's JSON),
 *       {@code window.__hearthAgentStep(json)} when defined, and a bridge event to a streaming caller.
 *       {@code script} replays the given calls instead of asking the model (tests); without it the loaded
 *       model decides.</li>
 *   <li>{@code agent.cancel} (or the bridge's cancel of the agent.run call): stops the run in progress
 *       (between steps, or between tokens of the model).</li>
 * </ul>
 */
public final class AgentOps {
    private static Tokenizer tokenizer;
    private static String chatTemplate;
    /** The engine's model file the tokenizer and template came from (engine.load by Hearth.createEngine counts too). */
    private static GgufFile tokenizerFile;
    /** The tokenizer's trie for constrained decoding. */
    private static VocabularyTrie trie;
    private static volatile Cancellation running;

    private AgentOps() {}

    public static void register(Map<String, JsBridge.Operation> ops) {
        JsBridge.Operation engineLoad = ops.get("engine.load");
        ops.put("agent.load", argsJson -> load(engineLoad, argsJson));
        ops.put("agent.run", (JsBridge.StreamingOperation) AgentOps::run);
        ops.put("agent.cancel", argsJson -> {
            Cancellation c = running;
            if (c != null) {
                c.cancel();
            }
            return c == null ? "false" : "true";
        });
    }

    private static String load(JsBridge.Operation engineLoad, String argsJson) throws Exception {
        if (engineLoad == null) {
            throw new IllegalStateException("engine.load is not registered: register EngineOps before AgentOps");
        }
        Map<String, Object> r = Json.asObject(Json.parse(engineLoad.run(argsJson)));
        GgufFile f = EngineOps.gguf();
        tokenizer = Tokenizer.fromGguf(f);
        trie = VocabularyTrie.of(tokenizer);
        chatTemplate = f.getString("tokenizer.chat_template", null);
        tokenizerFile = EngineOps.gguf();
        r.put("chatTemplate", chatTemplate != null);
        return Json.write(r);
    }

    @SuppressWarnings("unchecked")
    private static String run(String argsJson, JsBridge.Call call) {
        Map<String, Object> a = Json.asObject(Json.parse(argsJson));
        Object task = a.get("task");
        if (!(task instanceof String) || ((String) task).trim().isEmpty()) {
            throw new IllegalArgumentException("agent.run needs a task: {task: 'what to do'}");
        }
        AgentModel model;
        if (a.get("script") != null) {
            List<String> calls = new ArrayList<>();
            for (Object c : Json.asArray(a.get("script"))) {
                calls.add(c instanceof String ? (String) c : Json.write(c));
            }
            model = new ReplayModel(calls);
        } else {
            GgufFile loaded = EngineOps.gguf();
            if (loaded != null && loaded != tokenizerFile) {
                // the engine was loaded another way (Hearth.createEngine's engine.load): use its model
                tokenizer = Tokenizer.fromGguf(loaded);
                trie = VocabularyTrie.of(tokenizer);
                chatTemplate = loaded.getString("tokenizer.chat_template", null);
                tokenizerFile = loaded;
            }
            if (tokenizer == null) {
                throw new IllegalStateException("no model is loaded: call agent.load first");
            }
            LogitsSource engine = EngineOps.logitsSource();
            double temperature = ((Number) a.getOrDefault("temperature", 0L)).doubleValue();
            SamplerSettings sampling = temperature <= 0 ? SamplerSettings.greedy()
                    : SamplerSettings.defaults().withTemperature((float) temperature).withTopK(0)
                            .withSeed(((Number) a.getOrDefault("seed", 1L)).longValue());
            model = new CompletionAgentModel(chatTemplate, tokenizer, new ConstrainedDecoder(engine, tokenizer, trie, sampling),
                    engine.contextSize());
        }
        AgentOptions o = new AgentOptions()
                .maxSteps(((Number) a.getOrDefault("maxSteps", 10L)).intValue())
                .policy(PagePolicy.of((String) a.getOrDefault("policy", "refuse")));
        if (a.get("allowOrigins") != null) {
            for (Object origin : Json.asArray(a.get("allowOrigins"))) {
                o.allowOrigin(String.valueOf(origin));
            }
        }
        if (a.get("tools") != null) {
            List<ToolSpec> offered = new ArrayList<>();
            for (Object n : Json.asArray(a.get("tools"))) {
                ToolSpec t = AgentTools.named(AgentTools.all(), String.valueOf(n));
                if (t == null) {
                    throw new IllegalArgumentException("unknown tool '" + n + "' in tools");
                }
                offered.add(t);
            }
            if (!offered.contains(AgentTools.DONE)) {
                offered.add(AgentTools.DONE);
            }
            o.tools(offered);
        }
        if (a.get("systemPrompt") instanceof String) {
            o.systemPrompt((String) a.get("systemPrompt"));
        }
        Cancellation c = new Cancellation(call::cancelled);
        o.cancellation(c).listener(new AgentListener() {
            @Override
            public void onStep(TraceStep step) {
                String json = step.json();
                emit(json);
                call.emit(json);
            }
        });
        running = c;
        AgentResult r;
        try {
            r = new Agent(model, new DomPage()).run((String) task, o);
        } finally {
            running = null;
        }
        Map<String, Object> out = new LinkedHashMap<>(r.toMap());
        List<Object> trace = new ArrayList<>();
        for (TraceStep s : r.trace().steps()) {
            trace.add(s.toMap());
        }
        out.put("trace", trace);
        return Json.write(out);
    }

    @JSBody(params = "stepJson", script = ""
            + "try { window.dispatchEvent(new CustomEvent('hearth-agent-step', {detail: stepJson})); } catch (ignored) {}"
            + "if (typeof window.__hearthAgentStep === 'function') { try { window.__hearthAgentStep(stepJson); } catch (ignored) {} }")
    private static native void emit(String stepJson);
}
