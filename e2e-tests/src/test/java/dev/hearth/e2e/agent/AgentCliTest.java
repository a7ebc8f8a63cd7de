package dev.hearth.e2e.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of {@code ./hearth run}: defaults, options, and clear errors. */
class AgentCliTest {
    @Test
    void defaultsAndOptions() {
        AgentRun.Settings s = AgentCli.parse(new String[] {"--page", "p.html", "--task", "do it", "--model", "m.gguf"});
        assertEquals("webgpu", s.backend);
        assertEquals(10, s.maxSteps);
        assertEquals(false, s.autoConfirm);
        assertEquals(Path.of("m.gguf"), s.model);
        s = AgentCli.parse(new String[] {"--page=https://a.example/", "--task", "x", "--model", "m.gguf", "--backend", "wasm-cpu",
            "--max-steps", "3", "--auto-confirm", "--allow-origin", "https://b.example", "--tools", "click,type", "--temp", "0.7", "--seed", "9"});
        assertEquals("https://a.example/", s.page);
        assertEquals("wasm-cpu", s.backend);
        assertEquals(3, s.maxSteps);
        assertTrue(s.autoConfirm);
        assertEquals(List.of("https://b.example"), s.allowOrigins);
        assertEquals(List.of("click", "type"), s.tools);
        assertEquals(0.7, s.temperature);
        assertEquals(9, s.seed);
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertEquals("--task is required", message("--page", "p.html", "--model", "m.gguf"));
        assertEquals("--page is required (a URL or an HTML file)", message("--task", "x", "--model", "m.gguf"));
        assertEquals("unknown backend 'cuda': webgpu or wasm-cpu", message("--page", "p", "--task", "x", "--model", "m", "--backend", "cuda"));
        assertEquals("--max-steps must be at least 1, not 0", message("--page", "p", "--task", "x", "--model", "m", "--max-steps", "0"));
        assertEquals("--max-steps needs a number, not 'many'", message("--page", "p", "--task", "x", "--model", "m", "--max-steps", "many"));
        assertEquals("unknown option '--fast'", message("--page", "p", "--task", "x", "--model", "m", "--fast"));
        assertEquals("--model is required (a GGUF file)", message("--page", "p", "--task", "x"));
    }

    static String message(String... args) {
        return assertThrows(AgentCli.UsageException.class, () -> AgentCli.parse(args)).getMessage();
    }
}
