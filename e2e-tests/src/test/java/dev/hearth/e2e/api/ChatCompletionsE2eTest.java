package dev.hearth.e2e.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.chat.ChatTemplate;
import dev.hearth.e2e.HearthBrowser;
import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * engine.chat.completions.create in OpenAI's shapes, on stories260K carrying a chat template: streamed
 * chunks concatenate to the non-streamed content with the same seed, usage counts match the JVM's
 * rendering and tokenization, greedy text is the raw engine's greedy tokens, stop strings end the reply,
 * and an abort stops a stream with HearthAbortError while the engine stays usable.
 */
class ChatCompletionsE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @TempDir
    static Path dir;

    static final String MODEL = "/chat-model/stories260K-chat.gguf";
    static final String PAGE = "fixtures/api/blank.html";

    @BeforeAll
    static void writeModel() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(ApiModels.stories()), "../shared/models is absent");
        ApiModels.writeWithTemplate(dir.resolve("stories260K-chat.gguf"));
        browser.server().mount("/chat-model/", dir);
    }

    static List<Map<String, Object>> messages() {
        List<Map<String, Object>> m = new ArrayList<>();
        m.add(message("system", "You tell short stories."));
        m.add(message("user", "Once upon a time there was a little cat"));
        return m;
    }

    static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    /** What the page scripts get as {@code a}: the model's URL and the conversation. */
    static Map<String, Object> pageArgs() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("model", MODEL);
        args.put("messages", messages());
        return args;
    }

    /** The prompt ids as the JVM renders and tokenizes them. */
    static int[] jvmPrompt() throws IOException {
        try (FileByteSource src = new FileByteSource(dir.resolve("stories260K-chat.gguf"))) {
            GgufFile f = GgufFile.read(src);
            Tokenizer tok = Tokenizer.fromGguf(f);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("bos_token", tok.vocabulary().tokens[tok.vocabulary().bos]);
            extra.put("eos_token", tok.vocabulary().tokens[tok.vocabulary().eos]);
            String text = new ChatTemplate(ApiModels.TEMPLATE).render(messages(), null, true, extra);
            return tok.encode(text, false, true);
        }
    }

    static String jvmDecode(List<Object> ids) throws IOException {
        try (FileByteSource src = new FileByteSource(dir.resolve("stories260K-chat.gguf"))) {
            Tokenizer tok = Tokenizer.fromGguf(GgufFile.read(src));
            int[] a = new int[ids.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ((Number) ids.get(i)).intValue();
                if (tok.isEog(a[i])) {
                    a[i] = -1;
                }
            }
            return tok.decode(java.util.Arrays.stream(a).filter(x -> x >= 0).toArray());
        }
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasm-cpu", "webgpu"})
    @SuppressWarnings("unchecked")
    void streamedChunksConcatenateToTheCompletionAndUsageIsCounted(String backend) throws IOException {
        Page page = browser.ready(PAGE);
        Map<String, Object> args = pageArgs();
        args.put("backend", backend);
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async a => {"
                + " const e = await Hearth.createEngine({model: a.model, backend: a.backend, contextSize: 256});"
                + " const req = {messages: a.messages, max_tokens: 40, temperature: 0.9, top_p: 0.95, seed: 11};"
                + " const whole = await e.chat.completions.create(req);"
                + " const chunks = [];"
                + " for await (const c of await e.chat.completions.create({...req, stream: true})) chunks.push(c);"
                + " const other = await e.chat.completions.create({...req, seed: 12});"
                + " await e.unload();"
                + " return {whole, chunks, other, backend: e.backend}; }", args);
        assertEquals(backend, r.get("backend"));
        Map<String, Object> whole = (Map<String, Object>) r.get("whole");
        List<Map<String, Object>> chunks = (List<Map<String, Object>>) r.get("chunks");
        assertEquals("chat.completion", whole.get("object"));
        Map<String, Object> choice = ((List<Map<String, Object>>) whole.get("choices")).get(0);
        Map<String, Object> message = (Map<String, Object>) choice.get("message");
        String content = (String) message.get("content");
        System.out.println("[" + backend + "] " + chunks.size() + " chunks, " + whole.get("usage") + ", "
                + choice.get("finish_reason") + ": " + content);
        assertEquals("assistant", message.get("role"));
        assertTrue(content.length() > 0);

        StringBuilder streamed = new StringBuilder();
        for (Map<String, Object> c : chunks) {
            assertEquals("chat.completion.chunk", c.get("object"));
            Map<String, Object> delta = (Map<String, Object>) ((List<Map<String, Object>>) c.get("choices")).get(0).get("delta");
            if (delta.get("content") != null) {
                streamed.append(delta.get("content"));
            }
        }
        assertEquals(content, streamed.toString(), "the chunks concatenate to the non-streamed content");
        assertEquals("assistant", ((Map<String, Object>) ((List<Map<String, Object>>) chunks.get(0).get("choices")).get(0)
                .get("delta")).get("role"));
        Map<String, Object> last = chunks.get(chunks.size() - 1);
        assertEquals(choice.get("finish_reason"), ((List<Map<String, Object>>) last.get("choices")).get(0).get("finish_reason"));
        assertEquals(whole.get("usage"), last.get("usage"), "the last chunk carries the usage");
        for (Map<String, Object> c : chunks.subList(0, chunks.size() - 1)) {
            assertNull(c.get("usage"));
        }

        Map<String, Object> usage = (Map<String, Object>) whole.get("usage");
        assertEquals(jvmPrompt().length, num(usage.get("prompt_tokens")), "prompt tokens as the JVM renders and tokenizes");
        long completion = num(usage.get("completion_tokens"));
        assertTrue(completion >= 1 && completion <= 40);
        if ("length".equals(choice.get("finish_reason"))) {
            assertEquals(40, completion);
        }
        assertEquals(num(usage.get("prompt_tokens")) + completion, num(usage.get("total_tokens")));
        String other = (String) ((Map<String, Object>) ((List<Map<String, Object>>) ((Map<String, Object>) r.get("other"))
                .get("choices")).get(0).get("message")).get("content");
        assertTrue(!other.equals(content), "another seed samples another story");
    }

    /**
     * With tools the reply is a tool call whose arguments satisfy the tool's parameters; with a JSON
     * schema the content parses and satisfies it; a streamed tool call arrives as a delta.tool_calls.
     * stories260K knows nothing of tools or JSON: only the grammar can make these valid.
     */
    @ParameterizedTest
    @ValueSource(strings = {"wasm-cpu", "webgpu"})
    @SuppressWarnings("unchecked")
    void toolsGiveSchemaValidToolCallsAndJsonSchemaOutputParses(String backend) {
        Page page = browser.ready(PAGE);
        Map<String, Object> args = pageArgs();
        args.put("backend", backend);
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async a => {"
                + " const e = await Hearth.createEngine({model: a.model, backend: a.backend, contextSize: 512});"
                + " const tools = [{type: 'function', function: {name: 'set_color', description: 'Paint the cat.',"
                + "   parameters: {type: 'object', properties: {color: {type: 'string', enum: ['red', 'green', 'blue']},"
                + "   count: {type: 'integer', minimum: 1, maximum: 9}}, required: ['color', 'count']}}}];"
                + " const calls = [];"
                + " for (const seed of [1, 2, 3]) calls.push(await e.chat.completions.create({messages: a.messages, tools,"
                + "   tool_choice: 'required', temperature: 1.0, seed, max_tokens: 64}));"
                + " const schema = {type: 'object', properties: {name: {type: 'string', minLength: 1, maxLength: 12},"
                + "   age: {type: 'integer', minimum: 0, maximum: 120}, happy: {type: 'boolean'}},"
                + "   required: ['name', 'age', 'happy']};"
                + " const json = await e.chat.completions.create({messages: a.messages, temperature: 0.9, seed: 4, max_tokens: 64,"
                + "   response_format: {type: 'json_schema', json_schema: {name: 'cat', schema}}});"
                + " const chunks = [];"
                + " for await (const c of await e.chat.completions.create({messages: a.messages, tools, tool_choice: 'required',"
                + "   temperature: 1.0, seed: 1, max_tokens: 64, stream: true})) chunks.push(c);"
                + " await e.unload();"
                + " return {calls, json, chunks}; }", args);
        for (Map<String, Object> c : (List<Map<String, Object>>) r.get("calls")) {
            Map<String, Object> choice = ((List<Map<String, Object>>) c.get("choices")).get(0);
            assertEquals("tool_calls", choice.get("finish_reason"));
            List<Map<String, Object>> calls = (List<Map<String, Object>>) ((Map<String, Object>) choice.get("message")).get("tool_calls");
            assertEquals(1, calls.size());
            Map<String, Object> fn = (Map<String, Object>) calls.get(0).get("function");
            assertEquals("set_color", fn.get("name"));
            System.out.println("[" + backend + "] tool call " + fn.get("arguments"));
            Map<String, Object> a = dev.hearth.json.Json.asObject(dev.hearth.json.Json.parse((String) fn.get("arguments")));
            assertTrue(List.of("red", "green", "blue").contains(a.get("color")), "color from the enum: " + a);
            double count = ((Number) a.get("count")).doubleValue();
            assertTrue(count == Math.rint(count) && count >= 1 && count <= 9, "count an integer in [1, 9]: " + a);
        }
        Map<String, Object> json = (Map<String, Object>) ((List<Map<String, Object>>) ((Map<String, Object>) r.get("json"))
                .get("choices")).get(0).get("message");
        System.out.println("[" + backend + "] json " + json.get("content"));
        Map<String, Object> o = dev.hearth.json.Json.asObject(dev.hearth.json.Json.parse((String) json.get("content")));
        assertEquals(java.util.Set.of("name", "age", "happy"), o.keySet());
        String name = (String) o.get("name");
        assertTrue(name.codePointCount(0, name.length()) >= 1 && name.codePointCount(0, name.length()) <= 12, "name length: " + o);
        double age = ((Number) o.get("age")).doubleValue();
        assertTrue(age == Math.rint(age) && age >= 0 && age <= 120, "age: " + o);
        assertTrue(o.get("happy") instanceof Boolean);
        boolean sawCall = false;
        for (Map<String, Object> c : (List<Map<String, Object>>) r.get("chunks")) {
            Map<String, Object> delta = (Map<String, Object>) ((List<Map<String, Object>>) c.get("choices")).get(0).get("delta");
            sawCall |= delta.get("tool_calls") != null;
        }
        assertTrue(sawCall, "a streamed tool call arrives as delta.tool_calls");
    }

    /** The JS bundle (browsers without WebAssembly GC) serves the same API: streamed and whole agree. */
    @Test
    @SuppressWarnings("unchecked")
    void theJsBundleStreamsToo() {
        Page page = browser.ready(PAGE);
        Map<String, Object> args = pageArgs();
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async a => {"
                + " const e = await Hearth.createEngine({model: a.model, backend: 'wasm-cpu', bundle: 'js', contextSize: 256});"
                + " const req = {messages: a.messages, max_tokens: 16, temperature: 0.8, seed: 5};"
                + " const whole = await e.chat.completions.create(req);"
                + " let streamed = ''; let usage = null;"
                + " for await (const c of await e.chat.completions.create({...req, stream: true})) {"
                + "   streamed += c.choices[0].delta.content || ''; if (c.usage) usage = c.usage; }"
                + " await e.unload();"
                + " return {bundle: e.bundle, content: whole.choices[0].message.content, streamed, usage, whole: whole.usage}; }", args);
        assertEquals("js", r.get("bundle"));
        assertTrue(((String) r.get("content")).length() > 0);
        assertEquals(r.get("content"), r.get("streamed"));
        assertEquals(r.get("whole"), r.get("usage"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void greedyTextIsTheRawEnginesGreedyTokensDecoded() throws IOException {
        Page page = browser.ready(PAGE);
        int[] prompt = jvmPrompt();
        List<Object> ids = new ArrayList<>();
        for (int id : prompt) {
            ids.add(id);
        }
        Map<String, Object> args = pageArgs();
        args.put("prompt", ids);
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async a => {"
                + " const e = await Hearth.createEngine({model: a.model, backend: 'wasm-cpu', contextSize: 256});"
                + " const c = await e.chat.completions.create({messages: a.messages, max_tokens: 30, temperature: 0});"
                + " await e.unload();"
                + " const raw = Hearth.createRawEngine({inPage: true});"
                + " await raw.load({url: a.model, backend: 'wasm-cpu', contextSize: 256});"
                + " const g = await raw.generate({prompt: a.prompt, n: 30, eog: [2]});"
                + " await raw.unload();"
                + " return {content: c.choices[0].message.content, usage: c.usage, ids: g.ids}; }", args);
        List<Object> rawIds = (List<Object>) r.get("ids");
        assertEquals(jvmDecode(rawIds), r.get("content"));
        assertEquals(rawIds.size(), num(((Map<String, Object>) r.get("usage")).get("completion_tokens")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void stopStringsEndTheReplyAndAnAbortStopsAStream() {
        Page page = browser.ready(PAGE);
        Map<String, Object> args = pageArgs();
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async a => {"
                + " const e = await Hearth.createEngine({model: a.model, backend: 'wasm-cpu'});"
                + " const free = await e.chat.completions.create({messages: a.messages, max_tokens: 60, temperature: 0});"
                + " const text = free.choices[0].message.content;"
                + " const stop = text.substring(10, 13);"
                + " const cut = await e.chat.completions.create({messages: a.messages, max_tokens: 60, temperature: 0, stop: [stop]});"
                + " const streamedCut = [];"
                + " for await (const c of await e.chat.completions.create({messages: a.messages, max_tokens: 60, temperature: 0, stop, stream: true}))"
                + "   streamedCut.push(c.choices[0].delta.content || '');"
                + " const ac = new AbortController(); let n = 0; let aborted = null;"
                + " try { for await (const c of await e.chat.completions.create({messages: a.messages, "
                + "   temperature: 0, signal: ac.signal, stream: true})) { if (++n === 1) ac.abort(); } }"
                + " catch (err) { aborted = {name: err.name, isClass: err instanceof Hearth.HearthAbortError}; }"
                + " let broke = 0;"
                + " for await (const c of await e.chat.completions.create({messages: a.messages, max_tokens: 200, stream: true})) {"
                + "   if (++broke === 2) break; }"
                + " const after = await e.chat.completions.create({messages: a.messages, max_tokens: 60, temperature: 0});"
                + " let bad = null;"
                + " try { await e.chat.completions.create({messages: []}); } catch (err) { bad = {name: err.name, message: err.message}; }"
                + " await e.unload();"
                + " return {text, stop, cut: cut.choices[0], streamedCut: streamedCut.join(''), aborted, n,"
                + "   after: after.choices[0].message.content, bad}; }", args);
        String text = (String) r.get("text");
        String stop = (String) r.get("stop");
        Map<String, Object> cut = (Map<String, Object>) r.get("cut");
        String expected = text.substring(0, text.indexOf(stop));
        assertEquals(expected, ((Map<String, Object>) cut.get("message")).get("content"));
        assertEquals("stop", cut.get("finish_reason"));
        assertEquals(expected, r.get("streamedCut"), "streaming holds back what could start a stop string");
        Map<String, Object> aborted = (Map<String, Object>) r.get("aborted");
        assertNotNull(aborted, "the aborted stream threw");
        assertEquals("HearthAbortError", aborted.get("name"));
        assertEquals(true, aborted.get("isClass"));
        assertEquals(text, r.get("after"), "after an abort and a break the engine answers as before");
        Map<String, Object> bad = (Map<String, Object>) r.get("bad");
        assertEquals("HearthRequestError", bad.get("name"));
        assertTrue(((String) bad.get("message")).contains("messages"));
    }
}
