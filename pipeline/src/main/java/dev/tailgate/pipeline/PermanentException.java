package dev.tailgate.pipeline;

/** The batch will never be taken as it is (malformed, rejected by the backend); do not retry it. */
public final class PermanentException extends ConsumerException {

  public PermanentException(String message) {
    super(message, null);
  }

  public PermanentException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
