package dev.tailgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.WarnStatus;
import io.dropwizard.request.logging.LogbackAccessRequestLog;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RequestLogStatusTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(RequestLogStatus.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final LogbackAccessRequestLog requestLog = new LogbackAccessRequestLog();

  @BeforeEach
  void captureTheRelayedEvents() {
    events.start();
    logger.addAppender(events);
    logger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
    logger.setLevel(null);
    requestLog.stop();
  }

  @Test
  void anErrorRecordedBeforeTheServerStartsIsLoggedAsAnError() {
    IOException cause = new IOException("Permission denied");
    requestLog
        .getStatusManager()
        .add(new ErrorStatus("Failed to read logback-access.xml", this, cause));

    RequestLogStatus.relay(requestLog);

    assertThat(events.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(tuple(Level.ERROR, "request log: Failed to read logback-access.xml"));
    assertThat(events.list.get(0).getThrowableProxy().getMessage()).isEqualTo("Permission denied");
  }

  @Test
  void aWarningAfterTheStartIsLoggedAsAWarning() {
    RequestLogStatus.relay(requestLog);
    requestLog.start();
    events.list.clear();

    requestLog
        .getStatusManager()
        .add(new WarnStatus("Attempted to append to non started appender [console].", this));

    assertThat(events.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(
                Level.WARN, "request log: Attempted to append to non started appender [console]."));
  }

  @Test
  void theStartPrintsNothingAndItsVersionCheckGoesToDebug() {
    RequestLogStatus.relay(requestLog);

    requestLog.start();

    // Quiet: RequestLogImpl.start prints its statuses to stdout only when it is not.
    assertThat(requestLog.isQuiet()).isTrue();
    assertThat(events.list)
        .isNotEmpty()
        .allSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.DEBUG))
        .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("version"));
  }
}
