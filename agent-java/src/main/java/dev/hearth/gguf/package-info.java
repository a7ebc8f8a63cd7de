/**
 * Reading and writing GGUF files, the model format of llama.cpp.
 *
 * <p>{@link dev.hearth.gguf.GgufFile#read} parses a file's header, metadata and tensor table
 * through a {@link dev.hearth.gguf.ByteSource} (a file on the JVM, a byte array, or a browser
 * ArrayBuffer behind an adapter in the web module); the tensor data stays in the source until
 * {@code dev.hearth.tensor.Tensors.load} reads one tensor. Every malformed input fails with a
 * {@link dev.hearth.gguf.GgufFormatException} naming the byte offset and the field.
 * {@link dev.hearth.gguf.GgufWriter} writes files, for random-weight test models.
 *
 * <p>Plain Java that TeaVM compiles (JS and WASM-GC): no reflection, no memory mapping, no regex.
 * {@link dev.hearth.gguf.FileByteSource} is the only JVM-only class.
 */
package dev.hearth.gguf;
