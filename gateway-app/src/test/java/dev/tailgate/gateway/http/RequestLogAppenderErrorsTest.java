package dev.tailgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.WarnStatus;
import java.io.FileNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RequestLogAppenderErrorsTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(RequestLogAppenderErrors.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  /** The logging context Dropwizard builds the request log's appenders in. */
  private final LoggerContext logging = new LoggerContext();

  private final FileAppender<ILoggingEvent> requestLogFile = new FileAppender<>();

  @BeforeEach
  void captureTheLoggedEvents() {
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
  }

  @Test
  void aRequestLogFileThatCannotBeOpenedIsLoggedAsAnError() {
    long serverBuilt = System.currentTimeMillis();
    logging
        .getStatusManager()
        .add(
            new ErrorStatus(
                "openFile(/var/log/tailgate/requests.log,true) call failed.",
                requestLogFile,
                new FileNotFoundException("/var/log/tailgate/requests.log (Permission denied)")));

    RequestLogAppenderErrors.logSince(logging, serverBuilt);

    assertThat(events.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(
                Level.ERROR,
                "request log: openFile(/var/log/tailgate/requests.log,true) call failed."));
    assertThat(events.list.get(0).getThrowableProxy().getMessage()).contains("Permission denied");
  }

  @Test
  void onlyAppenderWarningsAndErrorsFromTheServerBuildOnAreLogged() throws InterruptedException {
    logging
        .getStatusManager()
        .add(new ErrorStatus("reported by Dropwizard with the logging config", requestLogFile));
    Thread.sleep(5);
    long serverBuilt = System.currentTimeMillis();
    logging
        .getStatusManager()
        .add(new InfoStatus("Setting file to /var/log/tailgate/requests.log", requestLogFile));
    logging.getStatusManager().add(new WarnStatus("not from an appender", this));
    logging
        .getStatusManager()
        .add(new WarnStatus("Attempted to append to non started appender [file].", requestLogFile));

    RequestLogAppenderErrors.logSince(logging, serverBuilt);

    assertThat(events.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(Level.WARN, "request log: Attempted to append to non started appender [file]."));
  }
}
