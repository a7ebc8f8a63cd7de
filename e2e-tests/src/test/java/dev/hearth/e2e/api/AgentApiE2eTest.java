package dev.hearth.e2e.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.model.Architecture;
import dev.hearth.model.RandomModels;
import dev.hearth.tensor.GgmlType;
import dev.hearth.agent.AgentTools;
import dev.hearth.tools.ToolSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.hearth.e2e.HearthBrowser;

/**
 * Hearth.createAgent over the agent loop's agent.run: a worker engine's model is loaded into the page on
 * the first run (the loop needs the DOM) and steps arrive through onStep; an in-page engine drives the
 * loop with its own model, whose grammar-constrained calls name real tools.
 */
class AgentApiE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @TempDir
    static Path dir;

    static final String PAGE = "fixtures/api/agent.html";
    static final String MODEL = "/agent-model/tiny-8k.gguf";

    @BeforeAll
    static void writeModel() throws IOException {
        // llama, dim 64, 2 layers, vocab 320 (byte-level), context 8192: the agent's prompt is thousands of tokens
        RandomModels.Shape s = new RandomModels.Shape(Architecture.LLAMA, 64, 2, 4, 2, 128, 320, 8192, 16, true, 0);
        Files.write(dir.resolve("tiny-8k.gguf"), RandomModels.gguf(s, GgmlType.F32, 42));
        browser.server().mount("/agent-model/", dir);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWorkerEnginesAgentRunsInThePageAndReportsItsSteps() {
        Page page = browser.ready(PAGE);
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async m => {"
                + " const e = await Hearth.createEngine({model: m, backend: 'wasm-cpu', contextSize: 8192});"
                + " const agent = Hearth.createAgent({engine: e, policy: {maxSteps: 4, script: ["
                + "   {name: 'read', arguments: {region: 'main'}}, {name: 'done', arguments: {answer: 'read it'}}]}});"
                + " const seen = [];"
                + " const result = await agent.run('Read the page', {onStep: s => seen.push(s)});"
                + " const chat = await e.chat.completions.create({messages: [{role: 'user', content: 'hi'}], max_tokens: 4});"
                + " await e.unload();"
                + " return {result, seen, chat: chat.usage.completion_tokens}; }", MODEL);
        Map<String, Object> result = (Map<String, Object>) r.get("result");
        System.out.println("scripted agent: " + result.get("finish_reason") + ", answer " + result.get("answer"));
        assertEquals("read it", result.get("answer"));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) result.get("steps");
        assertEquals(2, steps.size());
        assertEquals("read", steps.get(0).get("tool"));
        assertEquals("tool", steps.get(0).get("kind"));
        assertEquals(true, ((Map<String, Object>) steps.get(0).get("result")).get("ok"));
        assertTrue(((String) ((Map<String, Object>) steps.get(0).get("result")).get("message")).contains("Say hello"));
        assertEquals("answer", steps.get(1).get("kind"));
        assertEquals("read it", steps.get(1).get("content"));
        assertEquals(2, ((List<Object>) r.get("seen")).size(), "onStep saw every step");
        assertEquals(4L, ((Number) r.get("chat")).longValue(), "the engine still answers after the agent ran");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInPageEnginesModelMakesCallsOfRealTools() {
        Page page = browser.ready(PAGE);
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async m => {"
                + " const e = await Hearth.createEngine({model: m, backend: 'wasm-cpu', worker: false, contextSize: 8192});"
                + " const agent = Hearth.createAgent({engine: e, policy: {maxSteps: 2, tools: ['type', 'click']}});"
                + " const result = await agent.run('Say hello to Ada');"
                + " await e.unload();"
                + " return result; }", MODEL);
        List<Map<String, Object>> steps = (List<Map<String, Object>>) r.get("steps");
        System.out.println("model-driven agent: " + r.get("finish_reason") + ", tools "
                + steps.stream().map(s -> String.valueOf(s.get("tool"))).toList());
        assertFalse(steps.isEmpty());
        assertTrue(steps.size() <= 2);
        Set<String> tools = new HashSet<>();
        for (ToolSpec t : AgentTools.all()) {
            tools.add(t.name());
        }
        for (Map<String, Object> s : steps) {
            assertTrue(tools.contains((String) s.get("tool")), "a call of a real tool: " + s.get("trace"));
            assertTrue(s.get("args") instanceof Map);
        }
    }
}
