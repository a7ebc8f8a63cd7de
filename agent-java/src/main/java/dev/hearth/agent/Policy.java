package dev.hearth.agent;

/**
 * Asked before every sensitive action (see {@link ActionReview}); answering false refuses it: the agent
 * does not act, and the model is told the user refused. A UI asks the person; the command line answers
 * no unless run with --auto-confirm.
 */
public interface Policy {
    boolean allow(SensitiveAction action);

    /** Refuses every sensitive action (non-interactive runs). */
    Policy REFUSE = action -> false;

    /** Allows every sensitive action (--auto-confirm). */
    Policy ALLOW = action -> true;
}
