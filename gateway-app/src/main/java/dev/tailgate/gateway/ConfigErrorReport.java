package dev.tailgate.gateway;

import dev.tailgate.pipeline.config.ConfigException;
import io.dropwizard.core.cli.Cli;

/** Prints config problems as a list a user can act on, instead of a stack trace. */
final class ConfigErrorReport {
  private ConfigErrorReport() {}

  /** True when {@code error} was a config problem and has been reported. */
  static boolean report(Cli cli, Throwable error) {
    Throwable cause = error;
    while (cause != null && !(cause instanceof ConfigException)) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return false;
    }
    StringBuilder text = new StringBuilder("The configuration has errors:\n");
    for (String problem : ((ConfigException) cause).problems()) {
      text.append("  * ").append(problem).append('\n');
    }
    cli.getStdErr().print(text);
    cli.getStdErr().flush();
    return true;
  }
}
