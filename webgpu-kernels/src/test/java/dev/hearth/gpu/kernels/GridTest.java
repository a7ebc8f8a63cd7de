package dev.hearth.gpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridTest {
    @Test
    void smallProblemsUseOneRow() {
        Grid g = Grid.of(1000, 64, 65535);
        assertEquals(16, g.x);
        assertEquals(1, g.y);
        assertEquals(1024, g.stride);
    }

    @Test
    void largeProblemsFoldIntoRowsThatCoverEveryIndex() {
        for (long n : new long[] {65535L * 64 + 1, 10_000_000L, 123_456_789L}) {
            Grid g = Grid.of(n, 64, 65535);
            assertTrue(g.x <= 65535 && g.y <= 65535);
            assertTrue((long) g.x * g.y * 64 >= n, "grid too small for " + n);
            assertEquals(g.x * 64, g.stride);
        }
    }

    @Test
    void wgslSourceIsGeneratedFromTheFile() {
        assertTrue(WgslSources.ELEMENTWISE.contains("fn add("));
    }
}
