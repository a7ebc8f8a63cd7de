package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.chat.ChatTemplate;
import dev.hearth.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chat-template interpreter compiled by TeaVM renders the official templates in the page exactly as
 * it does on the JVM (whose output the agent-java tests check against Python's Jinja2).
 */
class ChatTemplateE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    static final String MESSAGES = "[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"What is the capital of France? Answer with one word: é, 日本, 🦙\"},"
            + "{\"role\":\"assistant\",\"content\":\"Paris.\"},{\"role\":\"user\",\"content\":\"And of Japan?\"}]";
    static final String TOOLS = "[{\"type\":\"function\",\"function\":{\"name\":\"click\",\"description\":\"Click an element\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"ref\":{\"type\":\"string\",\"description\":\"e12\"}},"
            + "\"required\":[\"ref\"]}}}]";

    @ParameterizedTest
    @CsvSource({"Qwen-Qwen3-0.6B.jinja, wasm-gc", "Qwen-Qwen2.5-Instruct.jinja, wasm-gc",
            "HuggingFaceTB-SmolLM2-Instruct.jinja, wasm-gc", "microsoft-Phi-3.5-mini-instruct.jinja, wasm-gc",
            "google-gemma-3-it.jinja, wasm-gc", "Qwen-Qwen2.5-Instruct.jinja, js"})
    @SuppressWarnings("unchecked")
    void rendersInTheBrowserAsOnTheJvm(String file, String bundle) throws IOException {
        String template = Files.readString(Path.of("../agent-java/src/test/resources/chat-templates").resolve(file));
        boolean tools = file.startsWith("Qwen");
        List<Map<String, Object>> messages = (List<Map<String, Object>>) (List<?>) Json.asArray(Json.parse(MESSAGES));
        List<Map<String, Object>> toolList = tools ? (List<Map<String, Object>>) (List<?>) Json.asArray(Json.parse(TOOLS)) : null;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("bos_token", "<bos>");
        String jvm = new ChatTemplate(template).render(messages, toolList, true, extra);

        Page page = browser.ready("index.html?bundle=" + bundle);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("template", template);
        args.put("messages", Json.parse(MESSAGES));
        args.put("tools", tools ? Json.parse(TOOLS) : null);
        args.put("add_generation_prompt", true);
        args.put("extra", extra);
        Object rendered = page.evaluate("a => Hearth._call('chat.render', a)", args);
        assertTrue(jvm.contains("And of Japan?"), jvm);
        assertEquals(jvm, rendered, file + " renders differently in the " + bundle + " bundle");
    }
}
