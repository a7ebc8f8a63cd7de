package dev.hearth.gpu;

/** The GPU refused or lost work; the message says what happened. */
public class GpuException extends RuntimeException {
    public GpuException(String message) {
        super(message);
    }
}
