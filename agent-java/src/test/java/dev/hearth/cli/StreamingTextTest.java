package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.sampling.StopStrings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingTextTest {
    /** Token i decodes to PIECES[i]; the codec joins pieces, as a real decoder does for whole characters. */
    private static final String[] PIECES = {"Hel", "lo", " wor", "ld", "</", "s>", "!", "\uFFFD"};

    private static final TextCodec CODEC = new TextCodec() {
        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public int[] encode(String text, boolean parseSpecial) {
            return new int[0];
        }

        @Override
        public String decode(int[] ids) {
            StringBuilder b = new StringBuilder();
            for (int id : ids) {
                b.append(PIECES[id]);
            }
            return b.toString();
        }

        @Override
        public boolean isEog(int id) {
            return false;
        }
    };

    @Test
    void printsTextAndStopsBeforeAStopString() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        HearthCli.StreamingText s = new HearthCli.StreamingText(CODEC, new StopStrings(List.of("</s>")), out);
        assertTrue(s.add(0));
        assertTrue(s.add(1));
        assertTrue(s.add(2));
        assertTrue(s.add(3));
        assertEquals("Hello world", bytes.toString(StandardCharsets.UTF_8));
        assertTrue(s.add(4)); // "</" could start the stop string: held back
        assertEquals("Hello world", bytes.toString(StandardCharsets.UTF_8));
        assertFalse(s.add(5)); // "</s>" complete: stop, print nothing of it
        s.finish();
        assertEquals("Hello world", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void holdsBackAnUnfinishedCharacterAndFlushesHeldTextAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        HearthCli.StreamingText s = new HearthCli.StreamingText(CODEC, new StopStrings(List.of("</s>")), out);
        s.add(6);
        s.add(7); // a replacement character at the end: maybe half a UTF-8 sequence
        assertEquals("!", bytes.toString(StandardCharsets.UTF_8));
        s.add(4);
        assertEquals("!", bytes.toString(StandardCharsets.UTF_8));
        s.finish(); // generation ended: everything decoded is shown
        assertEquals("!\uFFFD</", bytes.toString(StandardCharsets.UTF_8));
    }
}
