package dev.hearth.gpu.webgpu;

/** A JS promise awaited from Java was rejected; the message is the rejection's (name and message). */
public class PromiseRejectedException extends RuntimeException {
    public PromiseRejectedException(String message) {
        super(message);
    }
}
