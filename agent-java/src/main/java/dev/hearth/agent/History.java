package dev.hearth.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversation of one run, kept as steps so it can be compacted: the task with the first snapshot,
 * then per step the model's call and the observation (the result and the snapshot after it).
 * {@link #compact} makes it fit the model's context: old snapshots go first (a one-line note stays in
 * their place), then long old results are cut, then the oldest steps go (down to {@link #TARGET_PERCENT}
 * of the budget, so that compaction, which rewrites the prompt's middle, happens now and then rather than at
 * every step), and last the latest snapshot is cut from its end (only as far as the budget needs).
 */
final class History {
    private static final int OLD_RESULT_CHARS = 240;

    /** What the model saw after a step (step 0: the start, with no call and no result). */
    private static final class Entry {
        final int step;
        final Message assistant;
        String result;
        final PageSnapshot page;
        boolean pageDropped;
        String pageText;

        Entry(int step, Message assistant, String result, PageSnapshot page) {
            this.step = step;
            this.assistant = assistant;
            this.result = result;
            this.page = page;
            this.pageText = page.text();
        }
    }

    private final String system;
    private final String task;
    private final List<Entry> entries = new ArrayList<>();
    private int droppedSteps;

    History(String system, String task, PageSnapshot firstPage) {
        this.system = system;
        this.task = task;
        entries.add(new Entry(0, null, null, firstPage));
    }

    /** Adds a step: the model's message, the observation text (unfenced), and the page after it. */
    void add(int step, Message assistant, String result, PageSnapshot page) {
        entries.add(new Entry(step, assistant, result, page));
    }

    List<Message> messages() {
        List<Message> m = new ArrayList<>();
        m.add(Message.system(system));
        StringBuilder b = new StringBuilder("Task: ").append(task).append("\n\n");
        if (droppedSteps > 0) {
            b.append("(").append(droppedSteps).append(droppedSteps == 1 ? " earlier step was" : " earlier steps were")
                    .append(" left out to save space.)\n\n");
        }
        for (Entry e : entries) {
            if (e.assistant != null) {
                m.add(e.assistant);
                b = new StringBuilder("Result of step ").append(e.step).append(":\n").append(Prompt.result(e.result)).append("\n\n");
            }
            if (e.pageDropped) {
                b.append("(The snapshot ").append(e.step == 0 ? "at the start" : "after step " + e.step)
                        .append(" was left out to save space; the latest is below.)");
            } else {
                b.append(Prompt.page(new PageSnapshot(e.pageText, e.page.refs(), e.page.url())));
            }
            m.add(Message.user(b.toString()));
        }
        return m;
    }

    /** Once over budget, the history is shrunk to this share of it, so the next steps only append (the model's KV cache keeps the prefix). */
    static final int TARGET_PERCENT = 60;

    /** Shrinks the history when the model says it does not fit; returns what was done, for the trace (empty: nothing). */
    List<String> compact(AgentModel model) {
        List<String> done = new ArrayList<>();
        int budget = model.contextBudget();
        if (model.measure(messages()) <= budget) {
            return done;
        }
        int target = (int) ((long) budget * TARGET_PERCENT / 100);
        int last = entries.size() - 1;
        // 1. old snapshots, oldest first (the latest one is what the model acts on)
        for (int i = 0; i < last && model.measure(messages()) > target; i++) {
            Entry e = entries.get(i);
            if (!e.pageDropped) {
                e.pageDropped = true;
                done.add(e.step == 0 ? "dropped the first snapshot" : "dropped the snapshot of step " + e.step);
            }
        }
        // 2. long results of old steps
        for (int i = 0; i < last && model.measure(messages()) > target; i++) {
            Entry e = entries.get(i);
            if (e.result != null && e.result.length() > OLD_RESULT_CHARS) {
                e.result = e.result.substring(0, OLD_RESULT_CHARS) + "… (cut to save space)";
                done.add("cut the result of step " + e.step);
            }
        }
        // 3. the oldest steps (the task stays: it lives in the first user message)
        while (entries.size() > 2 && model.measure(messages()) > target) {
            Entry e = entries.remove(1);
            droppedSteps++;
            done.add("dropped step " + e.step);
        }
        // 4. the latest snapshot itself: text lines from the end first (as dom-tools fits its budget), then any line
        Entry latest = entries.get(entries.size() - 1);
        while (model.measure(messages()) > budget) {
            if (latest.pageText.length() < 200) {
                done.add("still over the context budget");
                break;
            }
            latest.pageText = shorten(latest.pageText, latest.pageText.length() * 3 / 4);
            done.add("cut the latest snapshot to " + latest.pageText.length() + " characters");
        }
        return done;
    }

    private static final String CUT_NOTE = "- note: lines were left out of this snapshot to fit the context\n";

    /** The snapshot in at most {@code target} characters: lines without a ref go first, from the end. */
    static String shorten(String text, int target) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            end = end < 0 ? text.length() : end;
            String line = text.substring(from, end);
            if (!line.equals(CUT_NOTE.substring(0, CUT_NOTE.length() - 1))) {
                lines.add(line);
            }
            from = end + 1;
        }
        int size = CUT_NOTE.length();
        for (String l : lines) {
            size += l.length() + 1;
        }
        for (int pass = 0; pass < 2 && size > target; pass++) {
            for (int i = lines.size() - 1; i >= 0 && size > target; i--) {
                if (pass == 1 || !lines.get(i).contains("[ref=")) {
                    size -= lines.get(i).length() + 1;
                    lines.remove(i);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return b.append(CUT_NOTE).toString();
    }
}
