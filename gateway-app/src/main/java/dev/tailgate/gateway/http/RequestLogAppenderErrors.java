package dev.tailgate.gateway.http;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors and warnings of the request log's appenders as Dropwizard built them, logged. It builds
 * them in the application's logging context, whose status it prints only while it configures {@code
 * logging:}, before the server exists: a request log file that cannot be opened was reported
 * nowhere, and requests went unlogged in silence. Read once as the server starts rather than
 * listened to: a status listener that logs would run inside logback's locks, from its appenders.
 */
final class RequestLogAppenderErrors {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLogAppenderErrors.class);

  private RequestLogAppenderErrors() {}

  /**
   * Logs the appender warnings and errors that {@code context} recorded from {@code since} (epoch
   * ms) on.
   */
  static void logSince(LoggerContext context, long since) {
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getTimestamp() < since || !(status.getOrigin() instanceof Appender<?>)) {
        continue;
      }
      String message = "request log: " + status.getMessage();
      if (status.getLevel() == Status.ERROR) {
        LOG.error(message, status.getThrowable());
      } else if (status.getLevel() == Status.WARN) {
        LOG.warn(message, status.getThrowable());
      }
    }
  }
}
