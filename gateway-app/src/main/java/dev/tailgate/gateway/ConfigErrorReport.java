package dev.tailgate.gateway;

import dev.tailgate.pipeline.config.ConfigException;
import io.dropwizard.core.cli.Cli;
import java.util.List;

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
    ConfigException problems = (ConfigException) cause;
    StringBuilder text = new StringBuilder("The configuration has errors:\n");
    for (String problem : problems.problems()) {
      text.append("  * ").append(problem).append('\n');
    }
    if (!problems.warnings().isEmpty()) {
      text.append(warnings(problems.warnings()));
    }
    cli.getStdErr().print(text);
    cli.getStdErr().flush();
    return true;
  }

  /** Keys accepted without effect, a line each, for {@code check} to print. */
  static String warnings(List<String> warnings) {
    StringBuilder text =
        new StringBuilder("Warnings (accepted, but not acted on as by the Collector):\n");
    for (String warning : warnings) {
      text.append("  * ").append(warning).append('\n');
    }
    return text.toString();
  }
}
