package dev.tailgate.gateway.http;

import ch.qos.logback.access.jetty.RequestLogImpl;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;
import java.util.Iterator;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's own status messages, sent to the gateway's log. When logback-access's request
 * log starts it prints every status it holds to stdout as plain text unless it is quiet, and
 * Dropwizard leaves it talkative: with JSON logs configured those were the lines a log shipper
 * could not parse. Quiet, with this listener on its status manager, nothing it says is lost: its
 * warnings and errors are events in the configured layout. Its appenders report elsewhere (see
 * {@link RequestLogAppenderErrors}).
 */
final class RequestLogStatus implements StatusListener {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLogStatus.class);

  private RequestLogStatus() {}

  /**
   * Relays the request log's statuses from the moment the server starts, before the log does. Made
   * before Dropwizard builds the server, so its appenders' problems are those from now on.
   */
  static LifeCycle.Listener installer() {
    long beforeTheServerIsBuilt = System.currentTimeMillis();
    return new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server
            && server.getRequestLog() instanceof RequestLogImpl log) {
          if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
            RequestLogAppenderErrors.logSince(logging, beforeTheServerIsBuilt);
          }
          relay(log);
        }
      }
    };
  }

  /**
   * Quiets the log and relays its statuses, those recorded before the server started included (the
   * log would have printed them as it started).
   */
  static void relay(RequestLogImpl log) {
    log.setQuiet(true);
    StatusManager statuses = log.getStatusManager();
    List<Status> earlier = statuses.getCopyOfStatusList();
    RequestLogStatus listener = new RequestLogStatus();
    statuses.add(listener);
    earlier.forEach(listener::addStatusEvent);
  }

  @Override
  public void addStatusEvent(Status status) {
    String message = "request log: " + status.getMessage();
    if (status.getLevel() == Status.INFO || isVersionCheckWarning(status)) {
      LOG.debug(message, status.getThrowable());
    } else if (status.getLevel() == Status.WARN) {
      LOG.warn(message, status.getThrowable());
    } else {
      LOG.error(message, status.getThrowable());
    }
    if (status.hasChildren()) {
      for (Iterator<Status> children = status.iterator(); children.hasNext(); ) {
        addStatusEvent(children.next());
      }
    }
  }

  /**
   * logback-access's version check at start cannot come out right in this gateway, shaded jar or
   * not: it takes the logback-access-jetty12 version from the request log's class, which is
   * Dropwizard's subclass (so it finds Dropwizard's version, or none in the shaded jar), and
   * logback-core (1.5.26) reads the versions logback-access-common expects from a {@code
   * -dependencies.properties} file that logback-access-common (2.0.9) ships as {@code
   * -dependees.properties}. Its two warnings were a false alarm on every start, so they go to
   * debug; LogbackAccessVersionsTest checks the same versions at build time, where it can.
   */
  private static boolean isVersionCheckWarning(Status status) {
    String message = String.valueOf(status.getMessage());
    return status.getLevel() == Status.WARN
        && (message.startsWith("Versions of ") && message.endsWith(" are different!")
            || message.startsWith("Expected version of "));
  }
}
