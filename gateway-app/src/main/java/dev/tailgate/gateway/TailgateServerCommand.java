package dev.tailgate.gateway;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code server config.yml}, reporting config problems as a list rather than a stack trace. */
final class TailgateServerCommand extends ServerCommand<TailgateConfiguration> {

  TailgateServerCommand(TailgateApplication application) {
    super(application);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable error) {
    if (!ConfigErrorReport.report(cli, error)) {
      super.onError(cli, namespace, error);
    }
  }
}
