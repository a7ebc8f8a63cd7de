package dev.hearth.agent;

/** Step events for UIs: called on the agent's thread after each step, and once at the end. */
public interface AgentListener {
    void onStep(TraceStep step);

    default void onFinish(AgentResult result) {}

    AgentListener NONE = step -> {};
}
