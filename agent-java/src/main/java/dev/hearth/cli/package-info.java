/**
 * JVM only (never compiled by TeaVM): {@link dev.hearth.cli.HearthCli} behind {@code ./hearth info|tokenize|generate},
 * {@link dev.hearth.cli.Bench} (decode tokens/s on a random SmolLM2-135M-shaped model), and the thread pool
 * {@link dev.hearth.cli.ThreadedRowRunner}.
 */
package dev.hearth.cli;
