package dev.hearth.e2e.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./hearth run --page URL|FILE --task TEXT --model MODEL.gguf [--backend webgpu|wasm-cpu]
 * [--max-steps N] [--auto-confirm] [--context N] [--allow-origin ORIGIN]... [--tools a,b,c] [--temp T --seed S]
 * [--script CALLS.jsonl]}:
 * runs the agent in headless Chromium on the page; prints the trace as JSON lines, then
 * {"status": ..., "answer": ..., "steps": N}. Exit status 0 when the run ended (done, max_steps, loop,
 * cancelled), 1 on "error", 2 on bad arguments.
 */
public final class AgentCli {
    private AgentCli() {}

    static final String USAGE = ""
            + "usage: ./hearth run --page URL|FILE --task TEXT --model MODEL.gguf [--backend webgpu|wasm-cpu]\n"
            + "                    [--max-steps N] [--auto-confirm] [--context N] [--allow-origin ORIGIN]...\n"
            + "                    [--tools click,type,...] [--temp T --seed S] [--script CALLS.jsonl]\n"
            + "  Without --auto-confirm every sensitive action (form submit, password or payment field, another\n"
            + "  origin, download) is refused: the run is not interactive. --script replays tool calls (one JSON\n"
            + "  object a line) instead of asking the model.";

    /** A bad command line: the message and the usage go to stderr, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String m) {
            super(m);
        }
    }

    public static void main(String[] argv) {
        AgentRun.Settings s;
        try {
            s = parse(argv);
        } catch (UsageException e) {
            System.err.println("hearth run: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path site = Path.of(System.getProperty("hearth.site", "web/target/site"));
        int status;
        try (AgentRun run = new AgentRun(s, site)) {
            if (s.model != null) {
                run.loadModel();
            }
            Map<String, Object> fin = run.run(System.out);
            status = "error".equals(fin.get("status")) ? 1 : 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("hearth run: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private static final List<String> VALUE_OPTIONS = Arrays.asList("--page", "--task", "--model", "--backend", "--max-steps",
            "--context", "--allow-origin", "--temp", "--seed", "--tools", "--script");

    static AgentRun.Settings parse(String[] argv) {
        AgentRun.Settings s = new AgentRun.Settings();
        List<String> a = new ArrayList<>(Arrays.asList(argv));
        for (int i = 0; i < a.size(); i++) {
            String opt = a.get(i);
            String value = null;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            }
            if (opt.equals("--auto-confirm")) {
                s.autoConfirm = true;
                continue;
            }
            if (!VALUE_OPTIONS.contains(opt)) {
                throw new UsageException("unknown option '" + opt + "'");
            }
            if (value == null) {
                if (i + 1 >= a.size()) {
                    throw new UsageException(opt + " needs a value");
                }
                value = a.get(++i);
            }
            switch (opt) {
                case "--page": s.page = value; break;
                case "--task": s.task = value; break;
                case "--model": s.model = Path.of(value); break;
                case "--backend":
                    if (!value.equals("webgpu") && !value.equals("wasm-cpu")) {
                        throw new UsageException("unknown backend '" + value + "': webgpu or wasm-cpu");
                    }
                    s.backend = value;
                    break;
                case "--max-steps": s.maxSteps = number(opt, value, 1); break;
                case "--context": s.contextSize = number(opt, value, 256); break;
                case "--allow-origin": s.allowOrigins.add(value); break;
                case "--temp":
                    try {
                        s.temperature = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--temp needs a number, not '" + value + "'");
                    }
                    break;
                case "--seed": s.seed = number(opt, value, 0); break;
                case "--tools": s.tools = Arrays.asList(value.split(",")); break;
                case "--script":
                    try {
                        s.script = new ArrayList<>();
                        for (String line : Files.readAllLines(Path.of(value))) {
                            if (!line.trim().isEmpty()) {
                                s.script.add(line.trim());
                            }
                        }
                    } catch (IOException e) {
                        throw new UsageException("cannot read --script " + value + ": " + e.getMessage());
                    }
                    break;
                default:
                    throw new UsageException("unknown option '" + opt + "'");
            }
        }
        if (s.page == null) {
            throw new UsageException("--page is required (a URL or an HTML file)");
        }
        if (s.task == null || s.task.trim().isEmpty()) {
            throw new UsageException("--task is required");
        }
        if (s.model == null && s.script == null) {
            throw new UsageException("--model is required (a GGUF file)");
        }
        return s;
    }

    private static int number(String opt, String v, int min) {
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new UsageException(opt + " must be at least " + min + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " needs a number, not '" + v + "'");
        }
    }
}
