/**
 * The chat-completion core: OpenAI-shaped requests in, OpenAI-shaped responses and stream chunks out, over
 * any {@link dev.hearth.model.LogitsSource}, {@link dev.hearth.tokenizer.Tokenizer} and
 * {@link dev.hearth.chat.ChatTemplate}. Platform-neutral; the web layer exposes it as
 * {@code engine.chat.completions.create}, the agent loop calls it with a tool-call schema.
 *
 * <pre>{@code
 * ChatCompletions chat = new ChatCompletions(transformer, tokenizer, new ChatTemplate(templateText), "qwen2.5-0.5b");
 * Map<String, Object> response = chat.create(Json.asObject(Json.parse(
 *     "{\"messages\":[{\"role\":\"user\",\"content\":\"Click the search box\"}],"
 *     + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"click\",\"parameters\":"
 *     + "{\"type\":\"object\",\"properties\":{\"ref\":{\"enum\":[\"e3\",\"e7\"]}},\"required\":[\"ref\"]}}}],"
 *     + "\"tool_choice\":\"required\",\"seed\":1}")),
 *     chunk -> System.out.println(Json.write(chunk)),   // streaming deltas (may be null)
 *     () -> false);                                     // cancel flag, read between tokens (may be null)
 * // response.choices[0].message.tool_calls[0].function = {name: "click", arguments: "{\"ref\":\"e7\"}"}
 * }</pre>
 *
 * See {@link dev.hearth.llm.ChatCompletions} for how tool calls and JSON output are constrained, and
 * {@link dev.hearth.llm.CompletionRequestException} for bad requests.
 */
package dev.hearth.llm;
