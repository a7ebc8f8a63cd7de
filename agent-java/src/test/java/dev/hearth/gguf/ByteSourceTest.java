package dev.hearth.gguf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteSourceTest {

    @Test
    void arraySourceReadsSlicesAndRejectsOutOfRange() {
        byte[] data = {0, 1, 2, 3, 4, 5, 6, 7};
        ArrayByteSource all = new ArrayByteSource(data);
        ArrayByteSource slice = new ArrayByteSource(data, 2, 4);
        assertEquals(8, all.size());
        assertEquals(4, slice.size());
        byte[] dst = new byte[5];
        slice.read(1, dst, 2, 3);
        assertArrayEquals(new byte[] {0, 0, 3, 4, 5}, dst);
        assertThrows(ByteSourceException.class, () -> slice.read(2, dst, 0, 3));
        assertThrows(ByteSourceException.class, () -> all.read(-1, dst, 0, 1));
        assertThrows(ByteSourceException.class, () -> all.read(0, dst, 4, 2));
        assertThrows(ByteSourceException.class, () -> all.read(Long.MAX_VALUE, dst, 0, 1));
        assertThrows(ByteSourceException.class, () -> new ArrayByteSource(data, 6, 3));
    }

    @Test
    void fileSourceReadsPositionallyAndRejectsOutOfRange() throws IOException {
        Path tmp = Files.createTempFile("hearth-bytesource", ".bin");
        try {
            byte[] data = new byte[100_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
            Files.write(tmp, data);
            try (FileByteSource src = new FileByteSource(tmp)) {
                assertEquals(data.length, src.size());
                byte[] dst = new byte[70_000];
                src.read(12_345, dst, 0, dst.length);
                for (int i = 0; i < dst.length; i++) {
                    assertEquals(data[12_345 + i], dst[i]);
                }
                assertThrows(ByteSourceException.class, () -> src.read(99_999, dst, 0, 2));
                assertThrows(ByteSourceException.class, () -> src.read(-5, dst, 0, 2));
            }
        } finally {
            Files.delete(tmp);
        }
        assertThrows(ByteSourceException.class, () -> new FileByteSource(tmp));
    }
}
