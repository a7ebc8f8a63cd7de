package dev.hearth.agent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.gguf.ArrayByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.GgufWriter;
import dev.hearth.gguf.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * stories260K (a real, tiny GGUF from ../shared) rewritten with a chat template and a 2048-token context,
 * so the agent's prompts fit: the weights are the file's own bytes; the model is not instruction-tuned,
 * so it acts at random, which is what a test of constrained calls wants.
 */
final class ChatModel {
    private ChatModel() {}

    /** Renders roles and contents, and the tools by name (so the template "takes tools"). */
    static final String TEMPLATE = "{{ bos_token }}{% if tools %}<|tools|>{% for t in tools %}{{ t['function']['name'] }} {% endfor %}\n{% endif %}"
            + "{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}\n{% endfor %}"
            + "{% if add_generation_prompt %}<|assistant|>\n{% endif %}";

    static Path stories260K() {
        String prop = System.getProperty("hearth.shared");
        Path shared = prop != null && !prop.isEmpty() ? Paths.get(prop)
                : Files.isDirectory(Paths.get("..", "shared")) ? Paths.get("..", "shared") : Paths.get("..", "..", "shared");
        Path f = shared.resolve("models/stories260K/stories260K.gguf");
        assumeTrue(Files.isRegularFile(f), "shared model " + f.toAbsolutePath() + " is absent");
        return f;
    }

    static byte[] withTemplate(int contextLength) throws IOException {
        byte[] bytes = Files.readAllBytes(stories260K());
        GgufFile f = GgufFile.read(new ArrayByteSource(bytes));
        GgufWriter w = new GgufWriter();
        w.copyMetadata(f);
        w.putUInt32("llama.context_length", contextLength);
        w.putString("tokenizer.chat_template", TEMPLATE);
        for (TensorInfo t : f.tensors()) {
            int from = Math.toIntExact(t.absoluteOffset());
            w.addTensor(t.name, t.ne, t.type, Arrays.copyOfRange(bytes, from, from + Math.toIntExact(t.byteSize())));
        }
        return w.toByteArray();
    }
}
