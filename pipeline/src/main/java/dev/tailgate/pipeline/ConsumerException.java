package dev.tailgate.pipeline;

/** A refusal of a batch by a consumer; see its two kinds. */
public abstract sealed class ConsumerException extends RuntimeException
    permits RetryableException, PermanentException {

  protected ConsumerException(String message, Throwable cause) {
    super(message, cause, cause != null, cause != null);
  }

  public abstract boolean retryable();
}
