package dev.hearth.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfTest {

    @Test
    void knownValues() {
        assertEquals(1.0f, Half.toFloat(0x3C00));
        assertEquals(-2.0f, Half.toFloat(0xC000));
        assertEquals(65504f, Half.toFloat(0x7BFF));
        assertEquals(0x1p-24f, Half.toFloat(0x0001));
        assertEquals(0x1p-14f, Half.toFloat(0x0400));
        assertEquals(Float.POSITIVE_INFINITY, Half.toFloat(0x7C00));
        assertTrue(Float.isNaN(Half.toFloat(0x7E00)));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(Half.toFloat(0x8000)));
        assertEquals(0x3C00, Half.fromFloat(1.0f));
        assertEquals((short) 0x7C00, Half.fromFloat(1e6f));
        assertEquals((short) 0x0001, Half.fromFloat(0x1p-24f));
        assertEquals((short) 0x0000, Half.fromFloat(0x1p-26f));
        assertEquals(1.0f, Half.bf16ToFloat(0x3F80));
    }

    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 65536; h++) {
            float f = Half.toFloat(h);
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(Half.TABLE[h]));
            if (!Float.isNaN(f)) {
                assertEquals(h, Half.fromFloat(f) & 0xFFFF, "half 0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void fromFloatRoundsToNearestEven() {
        Random rnd = new Random(5);
        for (int k = 0; k < 200_000; k++) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isNaN(f) || Math.abs(f) > 65520f) {
                continue;
            }
            int h = Half.fromFloat(f) & 0xFFFF;
            double err = Math.abs((double) Half.toFloat(h) - f);
            // No neighbour (one up or down in magnitude) is closer; ties go to the even one.
            for (int nb : new int[] {h - 1, h + 1}) {
                if ((nb & 0x7FFF) > 0x7BFF || (nb & 0x8000) != (h & 0x8000)) {
                    continue;
                }
                double e2 = Math.abs((double) Half.toFloat(nb) - f);
                assertTrue(err < e2 || (err == e2 && (h & 1) == 0), f + " -> 0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertEquals((short) 0x3F80, Half.floatToBf16(1.0f));
        assertEquals((short) 0x3F80, Half.floatToBf16(Float.intBitsToFloat(0x3F808000))); // tie, to even
        assertEquals((short) 0x3F82, Half.floatToBf16(Float.intBitsToFloat(0x3F818000))); // tie, to even
        assertEquals((short) 0x3F81, Half.floatToBf16(Float.intBitsToFloat(0x3F808001)));
    }
}
