/**
 * The agent: an observe-think-act loop over a page, platform-neutral (the browser glue lives in
 * {@code web}).
 *
 * <ul>
 *   <li>{@link dev.hearth.agent.Agent}: the loop; {@link dev.hearth.agent.AgentOptions} its settings;
 *       {@link dev.hearth.agent.AgentResult} how it ended; {@link dev.hearth.agent.Trace} every step as JSON.</li>
 *   <li>{@link dev.hearth.agent.AgentModel}: conversation + tools + refs in, one {@link dev.hearth.agent.ToolCall}
 *       out; {@link dev.hearth.agent.AgentTools#callSchema} is the JSON Schema that constrains it
 *       (built by {@link dev.hearth.grammar.ToolCallSchema}).</li>
 *   <li>{@link dev.hearth.agent.PageTools}: the page (snapshot, act); dom-tools in the browser.</li>
 *   <li>Safety: {@link dev.hearth.agent.Prompt} fences page text as data; {@link dev.hearth.agent.ActionReview}
 *       finds sensitive actions, which the {@link dev.hearth.agent.Policy} must allow.</li>
 * </ul>
 */
package dev.hearth.agent;
