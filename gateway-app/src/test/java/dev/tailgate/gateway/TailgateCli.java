package dev.tailgate.gateway;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The gateway's command line run in this JVM, as {@code java -jar tailgate.jar COMMAND FILE}. */
final class TailgateCli {
  private TailgateCli() {}

  /** What a run of the command printed on the Cli's streams, and whether it succeeded. */
  record Run(boolean succeeded, String stdout, String stderr) {}

  static Run run(String command, Path configFile) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TailgateApplication application = new TailgateApplication();
    Bootstrap<TailgateConfiguration> bootstrap = new Bootstrap<>(application);
    application.addDefaultCommands(bootstrap);
    application.initialize(bootstrap);
    Cli cli =
        new Cli(
            new JarLocation(TailgateApplication.class),
            bootstrap,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    boolean succeeded = cli.run(command, configFile.toString()).isEmpty();
    return new Run(
        succeeded, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
