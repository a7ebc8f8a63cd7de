package dev.hearth.web.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small static file server on the JDK's own HTTP server, for the demo and the tests.
 *
 * <ul>
 *   <li>Several roots, each mounted at a URL prefix ({@code /} for the site, {@code /models/} for
 *       {@code ../shared/models}, ...). The longest matching prefix wins.</li>
 *   <li>Nothing outside a root can be read: the decoded path may not contain {@code ..} segments,
 *       backslashes or NUL, and the real path (symlinks followed) must stay inside the root's real path.</li>
 *   <li>HTTP range requests ({@code bytes=a-b}, {@code a-}, {@code -n}) with 206 and 416, HEAD, correct
 *       MIME types ({@code application/wasm} included).</li>
 *   <li>Optional cross-origin isolation (COOP/COEP/CORP) and extra headers (a CSP, say).</li>
 *   <li>Every request is logged, so tests can assert what a page fetched (or that it fetched nothing).</li>
 * </ul>
 * Binds to 127.0.0.1 only.
 */
public final class StaticServer implements AutoCloseable {
    private static final Map<String, String> MIME = new LinkedHashMap<>();

    static {
        MIME.put("html", "text/html; charset=utf-8");
        MIME.put("htm", "text/html; charset=utf-8");
        MIME.put("js", "text/javascript; charset=utf-8");
        MIME.put("mjs", "text/javascript; charset=utf-8");
        MIME.put("css", "text/css; charset=utf-8");
        MIME.put("json", "application/json");
        MIME.put("map", "application/json");
        MIME.put("wasm", "application/wasm");
        MIME.put("wgsl", "text/plain; charset=utf-8");
        MIME.put("txt", "text/plain; charset=utf-8");
        MIME.put("md", "text/markdown; charset=utf-8");
        MIME.put("svg", "image/svg+xml");
        MIME.put("png", "image/png");
        MIME.put("jpg", "image/jpeg");
        MIME.put("ico", "image/x-icon");
        MIME.put("ts", "text/plain; charset=utf-8");
        MIME.put("gguf", "application/octet-stream");
        MIME.put("bin", "application/octet-stream");
    }

    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    /** Raw paths whose next GET body is cut after this many bytes (tests of interrupted downloads). */
    private final Map<String, Long> cuts = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean crossOriginIsolated;
    private HttpServer server;
    private ExecutorService executor;

    private static final class Mount {
        final String prefix;
        final Path root;

        Mount(String prefix, Path root) {
            this.prefix = prefix;
            this.root = root;
        }
    }

    /** Serves {@code dir} under the URL prefix {@code prefix} (which starts and ends with '/'). */
    public StaticServer mount(String prefix, Path dir) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a mount prefix starts and ends with '/': " + prefix);
        }
        try {
            mounts.add(new Mount(prefix, dir.toRealPath()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve " + dir + ": " + e.getMessage());
        }
        mounts.sort((x, y) -> y.prefix.length() - x.prefix.length());
        return this;
    }

    /** Adds COOP/COEP/CORP so pages are cross-origin isolated (SharedArrayBuffer, threads). */
    public StaticServer crossOriginIsolated(boolean on) {
        this.crossOriginIsolated = on;
        return this;
    }

    /** A header sent with every response, e.g. a Content-Security-Policy. */
    public StaticServer header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    /**
     * The next GET of {@code rawPath} announces the full Content-Length but sends only {@code afterBytes}
     * bytes of the body and then drops the connection, as a network failure midway would.
     */
    public StaticServer cutNextBody(String rawPath, long afterBytes) {
        cuts.put(rawPath, afterBytes);
        return this;
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
    public StaticServer start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "hearth-static");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** "METHOD /path?query" of every request so far, in arrival order. */
    public List<String> requests() {
        synchronized (requestLog) {
            return new ArrayList<>(requestLog);
        }
    }

    public void clearRequests() {
        requestLog.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String rawPath = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            requestLog.add(method + " " + rawPath + (query == null ? "" : "?" + query));
            Headers h = ex.getResponseHeaders();
            h.set("Cache-Control", "no-cache");
            h.set("X-Content-Type-Options", "nosniff");
            if (crossOriginIsolated) {
                h.set("Cross-Origin-Opener-Policy", "same-origin");
                h.set("Cross-Origin-Embedder-Policy", "require-corp");
                h.set("Cross-Origin-Resource-Policy", "same-origin");
            }
            extraHeaders.forEach(h::set);
            if (!method.equals("GET") && !method.equals("HEAD")) {
                h.set("Allow", "GET, HEAD");
                sendText(ex, 405, "method not allowed");
                return;
            }
            Path file = resolve(rawPath);
            if (file == null) {
                sendText(ex, 404, "not found");
                return;
            }
            if (Files.isDirectory(file)) {
                if (!rawPath.endsWith("/")) {
                    h.set("Location", rawPath + "/");
                    sendText(ex, 301, "moved");
                    return;
                }
                file = file.resolve("index.html");
                if (!Files.isRegularFile(file)) {
                    sendText(ex, 404, "not found");
                    return;
                }
            }
            Long cut = method.equals("GET") ? cuts.remove(rawPath) : null;
            sendFile(ex, file, method.equals("HEAD"), cut == null ? Long.MAX_VALUE : cut);
        }
    }

    /**
     * The file for a raw URL path, or null when it is outside every root or does not exist.
     * Package-private for the path-traversal tests.
     */
    Path resolve(String rawPath) {
        String path = percentDecode(rawPath);
        if (path == null || !path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return null;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return null;
            }
        }
        for (Mount m : mounts) {
            String mountPoint = m.prefix.substring(0, m.prefix.length() - 1);
            if (!(path.startsWith(m.prefix) || path.equals(mountPoint))) {
                continue;
            }
            String rel = path.length() > m.prefix.length() ? path.substring(m.prefix.length()) : "";
            while (rel.startsWith("/")) {
                rel = rel.substring(1); // "//etc/passwd" must not become an absolute path
            }
            Path candidate = m.root.resolve(rel).normalize();
            if (!candidate.startsWith(m.root)) {
                return null;
            }
            try {
                Path real = candidate.toRealPath(); // follows symlinks: a link out of the root is refused
                return real.startsWith(m.root) ? real : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Decodes %XX escapes as UTF-8 (not '+': this is a path). Null for a malformed escape. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + u.length > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + u.length);
                }
                System.arraycopy(u, 0, out, n, u.length);
                n += u.length;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static void sendFile(HttpExchange ex, Path file, boolean head, long cutAfter) throws IOException {
        long size = Files.size(file);
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", mimeType(file));
        h.set("Accept-Ranges", "bytes");
        long start = 0;
        long end = size - 1;
        int status = 200;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            long[] r = parseRange(range, size);
            if (r == null) {
                h.set("Content-Range", "bytes */" + size);
                sendText(ex, 416, "range not satisfiable");
                return;
            }
            if (r.length == 2) {
                start = r[0];
                end = r[1];
                status = 206;
                h.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
        }
        long length = end - start + 1;
        if (head) {
            h.set("Content-Length", Long.toString(Math.max(0, length)));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length <= 0 ? -1 : length);
        if (length <= 0) {
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
                OutputStream out = ex.getResponseBody()) {
            raf.seek(start);
            byte[] buf = new byte[1 << 16];
            long left = Math.min(length, cutAfter);
            while (left > 0) {
                int k = raf.read(buf, 0, (int) Math.min(buf.length, left));
                if (k < 0) {
                    break;
                }
                out.write(buf, 0, k);
                left -= k;
            }
            if (cutAfter < length) {
                out.flush();
                throw new IOException("body cut after " + cutAfter + " of " + length + " bytes, as asked");
            }
        }
    }

    /**
     * One byte range of a file of {@code size} bytes: {@code {start, end}} inclusive; an empty array
     * means "ignore the header, send everything" (several ranges, or a unit other than bytes);
     * null means unsatisfiable (416).
     */
    static long[] parseRange(String header, long size) {
        String v = header.trim();
        if (!v.startsWith("bytes=") || v.indexOf(',') >= 0) {
            return new long[0];
        }
        String spec = v.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new long[0];
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return null;
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (start < 0 || start >= size || end < start) {
                return null;
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            return new long[0];
        }
    }

    static String mimeType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MIME.getOrDefault(ext, "application/octet-stream");
    }

    private static void sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * {@code java dev.hearth.web.serve.StaticServer [--port N] [--isolate] [--mount /prefix/=DIR]... SITE_DIR}
     * Serves until Ctrl-C.
     */
    public static void main(String[] args) throws Exception {
        int port = 8080;
        boolean isolate = false;
        StaticServer s = new StaticServer();
        Path site = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port":
                    port = Integer.parseInt(args[++i]);
                    break;
                case "--isolate":
                    isolate = true;
                    break;
                case "--mount": {
                    String m = args[++i];
                    int eq = m.indexOf('=');
                    Path dir = Path.of(m.substring(eq + 1));
                    if (Files.isDirectory(dir)) {
                        s.mount(m.substring(0, eq), dir);
                    }
                    break;
                }
                default:
                    site = Path.of(args[i]);
            }
        }
        if (site == null) {
            System.err.println("usage: StaticServer [--port N] [--isolate] [--mount /prefix/=DIR]... SITE_DIR");
            System.exit(2);
        }
        s.mount("/", site).crossOriginIsolated(isolate).start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        System.out.println("Hearth is served at " + s.url() + "  (Ctrl-C stops it)");
        System.out.flush();
        Thread.currentThread().join();
    }
}
