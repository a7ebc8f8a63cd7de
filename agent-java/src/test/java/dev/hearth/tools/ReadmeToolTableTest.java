package dev.hearth.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's tool table is the one generated from the declarations: docs that match the code. */
class ReadmeToolTableTest {
    @Test
    void readmeTableIsGeneratedFromTheDeclarations() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int begin = readme.indexOf("<!-- tools:begin -->\n");
        int end = readme.indexOf("<!-- tools:end -->");
        assertTrue(begin >= 0 && end > begin, "README.md lacks the tools:begin/end markers");
        String inReadme = readme.substring(begin + "<!-- tools:begin -->\n".length(), end);
        assertEquals(ToolTable.markdown(DomTools.all()), inReadme,
                "README's tool table is out of date: regenerate it with java -cp agent-java/target/classes dev.hearth.tools.ToolTable");
    }
}
