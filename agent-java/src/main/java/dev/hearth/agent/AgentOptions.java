package dev.hearth.agent;

import dev.hearth.tools.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/** Settings of one run; every one has a default. */
public final class AgentOptions {
    int maxSteps = 20;
    String systemPrompt = Prompt.DEFAULT_SYSTEM;
    List<ToolSpec> tools = AgentTools.all();
    Policy policy = Policy.REFUSE;
    List<String> allowedOrigins = new ArrayList<>();
    AgentListener listener = AgentListener.NONE;
    Cancellation cancellation = new Cancellation();
    int repeatLimit = 3;

    public AgentOptions maxSteps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("max steps must be at least 1, not " + n);
        }
        this.maxSteps = n;
        return this;
    }

    public AgentOptions systemPrompt(String s) {
        this.systemPrompt = s;
        return this;
    }

    /** The tools offered; must include {@link AgentTools#DONE} for the run to end other than by the step limit. */
    public AgentOptions tools(List<ToolSpec> t) {
        this.tools = new ArrayList<>(t);
        return this;
    }

    /** Asked before sensitive actions; by default every one is refused. */
    public AgentOptions policy(Policy p) {
        this.policy = p;
        return this;
    }

    /** Origins the agent may navigate to besides the start page's (each still asked about). */
    public AgentOptions allowOrigin(String origin) {
        this.allowedOrigins.add(origin);
        return this;
    }

    public AgentOptions listener(AgentListener l) {
        this.listener = l;
        return this;
    }

    public AgentOptions cancellation(Cancellation c) {
        this.cancellation = c;
        return this;
    }

    /** The same call on an unchanged page this many times in a row is a loop (default 3). */
    public AgentOptions repeatLimit(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("the repeat limit must be at least 2, not " + n);
        }
        this.repeatLimit = n;
        return this;
    }

    public int maxSteps() { return maxSteps; }
    public Cancellation cancellation() { return cancellation; }
    public List<ToolSpec> tools() { return tools; }
}
