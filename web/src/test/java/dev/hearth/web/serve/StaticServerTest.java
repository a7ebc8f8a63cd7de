package dev.hearth.web.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticServerTest {
    @TempDir
    Path tmp;

    private StaticServer server;
    private Path site;
    private Path models;
    private byte[] blob;

    @BeforeEach
    void start() throws IOException {
        site = Files.createDirectories(tmp.resolve("site"));
        models = Files.createDirectories(tmp.resolve("models"));
        Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");
        Files.write(site.resolve("app.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Files.writeString(tmp.resolve("secret.txt"), "TOP SECRET");
        Files.writeString(site.resolve("with space é.txt"), "spaced");
        blob = new byte[100_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31 + 7);
        }
        Files.write(models.resolve("m.gguf"), blob);
        server = new StaticServer().mount("/", site).mount("/models/", models).start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpURLConnection get(String path, String range) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(server.url() + path.substring(1)).openConnection();
        if (range != null) {
            c.setRequestProperty("Range", range);
        }
        return c;
    }

    private static byte[] body(HttpURLConnection c) throws IOException {
        try (InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }

    /** Sends a raw request line, bypassing client-side path normalisation. */
    private String rawStatusLine(String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String resp = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(resp.contains("TOP SECRET"), "leaked a file outside the root for " + target);
            assertFalse(resp.contains("root:"), "leaked /etc/passwd for " + target);
            return resp.substring(0, resp.indexOf("\r\n"));
        }
    }

    @Test
    void servesFilesWithMimeTypes() throws IOException {
        HttpURLConnection c = get("/", null);
        assertEquals(200, c.getResponseCode());
        assertEquals("text/html; charset=utf-8", c.getContentType());
        assertEquals("<h1>hi</h1>", new String(body(c), StandardCharsets.UTF_8));
        HttpURLConnection w = get("/app.wasm", null);
        assertEquals("application/wasm", w.getContentType());
        assertEquals(8, body(w).length);
        assertEquals("spaced", new String(body(get("/with%20space%20%C3%A9.txt", null)), StandardCharsets.UTF_8));
        assertEquals(404, get("/nope.js", null).getResponseCode());
    }

    @Test
    void rangeRequests() throws IOException {
        HttpURLConnection c = get("/models/m.gguf", "bytes=10-19");
        assertEquals(206, c.getResponseCode());
        assertEquals("bytes 10-19/100000", c.getHeaderField("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(blob, 10, 20), body(c));

        HttpURLConnection open = get("/models/m.gguf", "bytes=99990-");
        assertEquals(206, open.getResponseCode());
        assertArrayEquals(Arrays.copyOfRange(blob, 99990, 100000), body(open));

        HttpURLConnection suffix = get("/models/m.gguf", "bytes=-5");
        assertArrayEquals(Arrays.copyOfRange(blob, 99995, 100000), body(suffix));

        HttpURLConnection past = get("/models/m.gguf", "bytes=100000-100001");
        assertEquals(416, past.getResponseCode());
        assertEquals("bytes */100000", past.getHeaderField("Content-Range"));

        HttpURLConnection whole = get("/models/m.gguf", null);
        assertEquals(200, whole.getResponseCode());
        assertEquals("bytes", whole.getHeaderField("Accept-Ranges"));
        assertArrayEquals(blob, body(whole));
    }

    @Test
    void crossOriginIsolationHeadersAreOptional() throws IOException {
        assertNull(get("/", null).getHeaderField("Cross-Origin-Embedder-Policy"));
        server.crossOriginIsolated(true).header("Content-Security-Policy", "default-src 'self'");
        HttpURLConnection c = get("/", null);
        assertEquals("require-corp", c.getHeaderField("Cross-Origin-Embedder-Policy"));
        assertEquals("same-origin", c.getHeaderField("Cross-Origin-Opener-Policy"));
        assertEquals("default-src 'self'", c.getHeaderField("Content-Security-Policy"));
    }

    @Test
    void logsEveryRequest() throws IOException {
        server.clearRequests();
        body(get("/app.wasm", null));
        body(get("/models/m.gguf?x=1", "bytes=0-1"));
        assertEquals(Arrays.asList("GET /app.wasm", "GET /models/m.gguf?x=1"), server.requests());
    }

    @Test
    void cannotReadOutsideItsRoots() throws IOException {
        for (String target : new String[] {
                "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/models/../../secret.txt",
                "/models/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
                "/..\\secret.txt", "/..%5csecret.txt", "//etc/passwd", "/%2fetc/passwd", "/models//etc/passwd",
                "/./../secret.txt", "/index.html%00.txt", "/%zz", tmp.resolve("secret.txt").toString(),
                "/etc/passwd", "/models/" + tmp.resolve("secret.txt")}) {
            String status = rawStatusLine(target);
            assertTrue(status.contains(" 404 ") || status.contains(" 400 "), target + " -> " + status);
        }
    }

    @Test
    void symlinksOutOfARootAreRefused() throws IOException {
        Path link = site.resolve("escape.txt");
        Path dirLink = site.resolve("up");
        try {
            Files.createSymbolicLink(link, tmp.resolve("secret.txt"));
            Files.createSymbolicLink(dirLink, tmp);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("symlinks not supported here: " + e);
        }
        assertEquals(404, get("/escape.txt", null).getResponseCode());
        assertEquals(404, get("/up/secret.txt", null).getResponseCode());
        // A link that stays inside the root is fine.
        Files.createSymbolicLink(site.resolve("inside.html"), site.resolve("index.html"));
        assertEquals(200, get("/inside.html", null).getResponseCode());
    }

    @Test
    void rangeParsing() {
        assertArrayEquals(new long[] {0, 9}, StaticServer.parseRange("bytes=0-9", 100));
        assertArrayEquals(new long[] {90, 99}, StaticServer.parseRange("bytes=90-200", 100));
        assertArrayEquals(new long[] {0, 99}, StaticServer.parseRange("bytes=-500", 100));
        assertNull(StaticServer.parseRange("bytes=100-", 100));
        assertNull(StaticServer.parseRange("bytes=5-4", 100));
        assertEquals(0, StaticServer.parseRange("bytes=0-1,5-6", 100).length);
        assertEquals(0, StaticServer.parseRange("items=0-1", 100).length);
    }
}
