package dev.hearth.e2e.products;

import dev.hearth.model.Architecture;
import dev.hearth.model.RandomModels;
import dev.hearth.tensor.GgmlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny random-weight Llama model with a long context for the products' agent and chat tests: the agent's
 * prompt (tool declarations, the page snapshot) is thousands of tokens in RandomModels' byte-level vocabulary,
 * far beyond stories260K's 128. Written once per run into target/product-models, served at /test-models/.
 * Its words are noise; the tests check that replies stream and that the agent's (grammar-constrained) tool
 * calls run on the page, not what they say.
 */
final class ProductModels {
    private ProductModels() {}

    static final String URL_PATH = "/test-models/agent-tiny.gguf";

    /**
     * The agent settings (HearthUI.agentPolicy) the tests give the demo and the panel: the byte-level vocabulary
     * makes every character a token, so a long context, two tools and a one-line system prompt keep a step to
     * a few thousand tokens. The embed fixture sets the same as data- attributes.
     */
    static final String AGENT_QUERY = "&agent_context=16384&agent_tools=type,click&agent_system=Use%20one%20tool%20per%20step.";

    static synchronized Path dir() {
        Path dir = Path.of("target/product-models").toAbsolutePath();
        Path file = dir.resolve("agent-tiny.gguf");
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(dir);
                // llama, dim 64, 2 layers, 4 heads (2 KV) of 16, FFN 128, vocab 320, context 16384
                RandomModels.Shape s = new RandomModels.Shape(Architecture.LLAMA, 64, 2, 4, 2, 128, 320, 16384, 16, true, 0);
                Files.write(file, RandomModels.gguf(s, GgmlType.F32, 42));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
