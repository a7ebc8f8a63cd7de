package dev.hearth.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.chat.ChatTemplate;
import dev.hearth.gguf.ArrayByteSource;
import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.SharedFiles;
import dev.hearth.grammar.SchemaValidator;
import dev.hearth.json.Json;
import dev.hearth.model.Architecture;
import dev.hearth.model.Model;
import dev.hearth.model.RandomModels;
import dev.hearth.model.Transformer;
import dev.hearth.tensor.GgmlType;
import dev.hearth.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat completions with the real stories260K model (it has no chat template: Qwen2.5's official template is
 * used, from the chat template test resources) and a random-weight model: constrained JSON and tool calls
 * validate, streaming deltas add up, stop strings, max_tokens, seeds and errors.
 */
class ChatCompletionsTest {
    private static ChatCompletions stories;
    private static ChatTemplate qwen;

    static String resource(String name) throws IOException {
        try (InputStream in = ChatCompletionsTest.class.getResourceAsStream("/chat-templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void load() throws IOException {
        qwen = new ChatTemplate(resource("Qwen-Qwen2.5-Instruct.jinja"));
        GgufFile f = GgufFile.read(new FileByteSource(SharedFiles.file("models/stories260K/stories260K.gguf")));
        // trained on 128 positions; a longer cache holds the template's tool declarations (RoPE extends)
        stories = new ChatCompletions(new Transformer(Model.load(f), 1024), Tokenizer.fromGguf(f), qwen, "stories260K");
    }

    private static Map<String, Object> request(String json) {
        return Json.asObject(Json.parse(json));
    }

    private static Map<String, Object> message(Map<String, Object> response) {
        return Json.asObject(Json.asObject(Json.asArray(response.get("choices")).get(0)).get("message"));
    }

    private static String finish(Map<String, Object> response) {
        return (String) Json.asObject(Json.asArray(response.get("choices")).get(0)).get("finish_reason");
    }

    private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]";

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{"
            + "\"name\":{\"type\":\"string\",\"maxLength\":12},"
            + "\"age\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":120},"
            + "\"pets\":{\"type\":\"array\",\"maxItems\":3,\"items\":{\"enum\":[\"cat\",\"dog\",\"fish\"]}},"
            + "\"happy\":{\"type\":\"boolean\"}},\"required\":[\"name\",\"age\",\"happy\"],\"additionalProperties\":false}";

    @Test
    void jsonSchemaOutputParsesAndValidates() {
        Object schema = Json.parse(SCHEMA);
        for (int seed = 0; seed < 6; seed++) {
            Map<String, Object> r = stories.create(request("{" + USER + ",\"seed\":" + seed
                    + ",\"max_tokens\":300,\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\","
                    + "\"strict\":true,\"schema\":" + SCHEMA + "}}}"));
            assertEquals("stop", finish(r));
            String content = (String) message(r).get("content");
            List<String> problems = SchemaValidator.problems(schema, Json.parse(content));
            assertTrue(problems.isEmpty(), content + " -> " + problems);
        }
        Map<String, Object> any = stories.create(request("{" + USER + ",\"seed\":3,\"max_tokens\":400,"
                + "\"response_format\":{\"type\":\"json_object\"}}"));
        String content = (String) message(any).get("content");
        if (finish(any).equals("stop")) {
            assertTrue(Json.parse(content) instanceof Map, content);
        } else {
            assertEquals("length", finish(any));
        }
    }

    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"click\","
            + "\"description\":\"Click an element.\",\"parameters\":{\"type\":\"object\",\"properties\":{"
            + "\"ref\":{\"type\":\"string\",\"enum\":[\"e1\",\"e7\",\"e12\"]}},\"required\":[\"ref\"],\"additionalProperties\":false}}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"type\",\"description\":\"Type text.\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"ref\":{\"type\":\"string\",\"enum\":[\"e1\",\"e7\",\"e12\"]},"
            + "\"text\":{\"type\":\"string\",\"maxLength\":16},\"submit\":{\"type\":\"boolean\"}},"
            + "\"required\":[\"ref\",\"text\"],\"additionalProperties\":false}}}]";

    private static Object parameters(String tool) {
        for (Object t : Json.asArray(request("{" + TOOLS + "}").get("tools"))) {
            Map<String, Object> fn = Json.asObject(Json.asObject(t).get("function"));
            if (fn.get("name").equals(tool)) {
                return fn.get("parameters");
            }
        }
        throw new AssertionError("no tool " + tool);
    }

    @Test
    void requiredAndNamedToolCallsValidate() {
        Set<String> names = new HashSet<>();
        for (int seed = 0; seed < 6; seed++) {
            Map<String, Object> r = stories.create(request("{" + USER + "," + TOOLS + ",\"tool_choice\":\"required\","
                    + "\"seed\":" + seed + ",\"max_tokens\":200}"));
            assertEquals("tool_calls", finish(r));
            Map<String, Object> m = message(r);
            assertNull(m.get("content"));
            Map<String, Object> call = Json.asObject(Json.asArray(m.get("tool_calls")).get(0));
            assertEquals("function", call.get("type"));
            assertTrue(((String) call.get("id")).startsWith("call_"));
            Map<String, Object> fn = Json.asObject(call.get("function"));
            String name = (String) fn.get("name");
            names.add(name);
            Object args = Json.parse((String) fn.get("arguments"));
            List<String> problems = SchemaValidator.problems(parameters(name), args);
            assertTrue(problems.isEmpty(), fn + " -> " + problems);
        }
        Map<String, Object> named = stories.create(request("{" + USER + "," + TOOLS + ",\"seed\":1,\"max_tokens\":200,"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"type\"}}}"));
        Map<String, Object> fn = Json.asObject(Json.asObject(Json.asArray(message(named).get("tool_calls")).get(0)).get("function"));
        assertEquals("type", fn.get("name"));
        assertTrue(SchemaValidator.problems(parameters("type"), Json.parse((String) fn.get("arguments"))).isEmpty());
    }

    @Test
    void autoGivesACallOrText() {
        int calls = 0;
        int texts = 0;
        for (int seed = 0; seed < 5; seed++) {
            Map<String, Object> r = stories.create(request("{" + USER + "," + TOOLS + ",\"seed\":" + seed
                    + ",\"max_tokens\":300}"));
            Map<String, Object> m = message(r);
            if (m.containsKey("tool_calls")) {
                calls++;
                assertEquals("tool_calls", finish(r));
                Map<String, Object> fn = Json.asObject(Json.asObject(Json.asArray(m.get("tool_calls")).get(0)).get("function"));
                assertTrue(SchemaValidator.problems(parameters((String) fn.get("name")),
                        Json.parse((String) fn.get("arguments"))).isEmpty(), fn.toString());
            } else if (finish(r).equals("stop")) {
                texts++;
                assertTrue(m.get("content") instanceof String);
            }
        }
        assertTrue(calls + texts > 0, "some auto completions finish");
    }

    @Test
    void streamingDeltasAddUpToTheContent() {
        for (String format : new String[] {"", ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\",\"schema\":" + SCHEMA + "}}"}) {
            List<Map<String, Object>> chunks = new ArrayList<>();
            Map<String, Object> r = stories.create(request("{" + USER + ",\"seed\":5,\"max_tokens\":60,\"temperature\":0.9"
                    + format + "}"), chunks::add, null);
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> c : chunks) {
                assertEquals("chat.completion.chunk", c.get("object"));
                assertEquals(r.get("id"), c.get("id"));
                Map<String, Object> delta = Json.asObject(Json.asObject(Json.asArray(c.get("choices")).get(0)).get("delta"));
                if (delta.get("content") != null) {
                    b.append(delta.get("content"));
                }
            }
            Map<String, Object> first = Json.asObject(Json.asObject(Json.asArray(chunks.get(0).get("choices")).get(0)).get("delta"));
            assertEquals("assistant", first.get("role"));
            Map<String, Object> last = Json.asObject(Json.asArray(chunks.get(chunks.size() - 1).get("choices")).get(0));
            assertEquals(finish(r), last.get("finish_reason"));
            assertEquals(message(r).get("content"), b.toString());
        }
    }

    @Test
    void toolCallStreamsAsOneDelta() {
        List<Map<String, Object>> chunks = new ArrayList<>();
        Map<String, Object> r = stories.create(request("{" + USER + "," + TOOLS + ",\"tool_choice\":\"required\",\"seed\":2}"),
                chunks::add, null);
        Map<String, Object> delta = null;
        for (Map<String, Object> c : chunks) {
            Map<String, Object> d = Json.asObject(Json.asObject(Json.asArray(c.get("choices")).get(0)).get("delta"));
            if (d.containsKey("tool_calls")) {
                delta = d;
            }
        }
        Map<String, Object> streamed = Json.asObject(Json.asArray(delta.get("tool_calls")).get(0));
        Map<String, Object> call = Json.asObject(Json.asArray(message(r).get("tool_calls")).get(0));
        assertEquals(call.get("function"), streamed.get("function"));
        assertEquals(0L, streamed.get("index"));
    }

    @Test
    void stopStringsMaxTokensAndSeeds() {
        Map<String, Object> free = stories.create(request("{" + USER + ",\"temperature\":0,\"max_tokens\":40}"));
        String text = (String) message(free).get("content");
        assertEquals("length", finish(free));
        assertEquals(40L, Json.asObject(free.get("usage")).get("completion_tokens"));
        Map<String, Object> usage = Json.asObject(free.get("usage"));
        assertEquals((Long) usage.get("prompt_tokens") + 40L, usage.get("total_tokens"));
        // a stop string from the middle of the greedy text cuts it there
        String stop = text.substring(20, 24);
        Map<String, Object> stopped = stories.create(request("{" + USER + ",\"temperature\":0,\"max_tokens\":40,\"stop\":["
                + Json.write(stop) + ",\"never-seen\"]}"));
        assertEquals("stop", finish(stopped));
        assertEquals(text.substring(0, text.indexOf(stop)), message(stopped).get("content"));

        String a = (String) message(stories.create(request("{" + USER + ",\"seed\":42,\"max_tokens\":30}"))).get("content");
        String b = (String) message(stories.create(request("{" + USER + ",\"seed\":42,\"max_tokens\":30}"))).get("content");
        assertEquals(a, b, "the same seed gives the same text");
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < 4; s++) {
            seen.add((String) message(stories.create(request("{" + USER + ",\"seed\":" + s + ",\"max_tokens\":30}"))).get("content"));
        }
        assertTrue(seen.size() > 1, "different seeds give different texts");
    }

    @Test
    void cancelStopsBetweenTokens() {
        int[] chunks = {0};
        Map<String, Object> r = stories.create(request("{" + USER + ",\"seed\":1,\"max_tokens\":100}"),
                c -> chunks[0]++, () -> chunks[0] >= 4);
        assertEquals("cancelled", finish(r));
        assertTrue((Long) Json.asObject(r.get("usage")).get("completion_tokens") < 100);
    }

    @Test
    void badRequestsSayWhatToFix() {
        assertTrue(assertThrows(CompletionRequestException.class, () -> stories.create(request(
                "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"))).getMessage().contains("role \"robot\""));
        assertTrue(assertThrows(CompletionRequestException.class, () -> stories.create(request("{" + USER + "," + TOOLS
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"fly\"}}}"))).getMessage().contains("\"fly\", which is not in tools"));
        assertTrue(assertThrows(CompletionRequestException.class, () -> stories.create(request("{" + USER
                + ",\"tool_choice\":\"required\"}"))).getMessage().contains("needs tools"));
        assertTrue(assertThrows(CompletionRequestException.class, () -> stories.create(request("{" + USER
                + ",\"response_format\":{\"type\":\"yaml\"}}"))).getMessage().contains("yaml"));
        assertTrue(assertThrows(CompletionRequestException.class, () -> stories.create(request("{" + USER + "," + TOOLS
                + ",\"response_format\":{\"type\":\"json_object\"}}"))).getMessage().contains("cannot be combined"));
        assertTrue(assertThrows(CompletionRequestException.class, () -> stories.create(request("{" + USER
                + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"allOf\":[]}}}}")))
                .getMessage().contains("allOf"));
        assertTrue(assertThrows(CompletionRequestException.class, () -> stories.create(request("{\"messages\":[]}")))
                .getMessage().contains("non-empty"));
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            longText.append("Once upon a time there was a cat. ");
        }
        assertTrue(assertThrows(CompletionRequestException.class, () -> stories.create(request(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"" + longText + "\"}]}"))).getMessage().contains("context holds 1024"));
    }

    @Test
    void randomModelAndAssistantHistory() {
        RandomModels.Shape shape = RandomModels.tiny(Architecture.QWEN2);
        GgufFile f = GgufFile.read(new ArrayByteSource(RandomModels.gguf(shape, GgmlType.F32, 5)));
        ChatCompletions random = new ChatCompletions(new Transformer(Model.load(f), 2048),
                Tokenizer.fromGguf(f), qwen, "random");
        String history = "\"messages\":[{\"role\":\"system\",\"content\":\"Act.\"},{\"role\":\"user\",\"content\":\"Go\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"click\",\"arguments\":\"{\\\"ref\\\":\\\"e1\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"ok\"}]";
        for (int seed = 0; seed < 3; seed++) {
            Map<String, Object> r = random.create(request("{" + history + "," + TOOLS.replace("\"text\":{\"type\":\"string\",\"maxLength\":16}",
                    "\"text\":{\"type\":\"string\",\"maxLength\":3}") + ",\"tool_choice\":\"required\",\"seed\":" + seed + "}"));
            assertEquals("tool_calls", finish(r), r.toString());
            Map<String, Object> fn = Json.asObject(Json.asObject(Json.asArray(message(r).get("tool_calls")).get(0)).get("function"));
            assertNotEquals(null, fn.get("name"));
        }
    }
}
