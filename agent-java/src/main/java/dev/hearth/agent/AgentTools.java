package dev.hearth.agent;

import dev.hearth.tools.DomTools;
import dev.hearth.tools.ToolParam;
import dev.hearth.tools.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The tools the agent offers the model: the DOM tools, and {@code done} to finish with an answer. */
public final class AgentTools {
    private AgentTools() {}

    public static final ToolSpec DONE = new ToolSpec("done",
            "Finish the task: give the answer to the user (what you found, or what you did, or why it cannot be done).",
            ToolParam.string("answer", "The answer for the user.", true));

    /** Parameters whose value is a ref from the current snapshot. */
    public static boolean isRefParam(String name) {
        return name.equals("ref") || name.equals("to");
    }

    public static List<ToolSpec> all() {
        List<ToolSpec> l = new ArrayList<>(DomTools.all());
        l.add(DONE);
        return Collections.unmodifiableList(l);
    }

    public static ToolSpec named(List<ToolSpec> tools, String name) {
        for (ToolSpec t : tools) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
