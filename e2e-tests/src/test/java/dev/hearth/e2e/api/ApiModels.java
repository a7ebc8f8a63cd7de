package dev.hearth.e2e.api;

import dev.hearth.e2e.HearthBrowser;
import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.GgufWriter;
import dev.hearth.gguf.TensorInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Models the API tests load: stories260K from ../shared, and a copy of it that carries a chat template. */
final class ApiModels {
    private ApiModels() {}

    static final String STORIES = "/models/stories260K/stories260K.gguf";

    /** A small ChatML-like template whose markers the 512-token vocabulary spells with ordinary pieces. */
    static final String TEMPLATE = "{{ bos_token }}{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}"
            + "{% if add_generation_prompt %}[assistant] {% endif %}";

    static Path stories() {
        return HearthBrowser.shared().resolve("models/stories260K/stories260K.gguf");
    }

    /** stories260K with {@link #TEMPLATE} as tokenizer.chat_template, written to {@code out}. */
    static void writeWithTemplate(Path out) throws IOException {
        try (FileByteSource src = new FileByteSource(stories())) {
            GgufFile f = GgufFile.read(src);
            GgufWriter w = new GgufWriter();
            w.copyMetadata(f);
            w.putString("tokenizer.chat_template", TEMPLATE);
            w.putString("general.name", "stories260K-chat");
            for (TensorInfo t : f.tensors()) {
                byte[] data = new byte[(int) t.byteSize()];
                src.read(t.absoluteOffset(), data, 0, data.length);
                w.addTensor(t.name, t.ne(), t.type, data);
            }
            try (OutputStream os = Files.newOutputStream(out)) {
                w.write(os);
            }
        }
    }
}
