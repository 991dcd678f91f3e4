package dev.tailgate.gateway;

import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code check config.yml}: Dropwizard's parse and validation, plus the whole pipeline graph. */
final class TailgateCheckCommand extends CheckCommand<TailgateConfiguration> {

  TailgateCheckCommand(TailgateApplication application) {
    super(application);
  }

  @Override
  protected void run(
      Bootstrap<TailgateConfiguration> bootstrap, Namespace namespace, TailgateConfiguration config)
      throws Exception {
    var plan = GatewayPlanner.plan(config);
    if (!plan.warnings().isEmpty()) {
      System.out.print(ConfigErrorReport.warnings(plan.warnings()));
    }
    System.out.println("Configuration is OK: pipelines " + plan.pipelineIds());
    super.run(bootstrap, namespace, config);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable error) {
    if (!ConfigErrorReport.report(cli, error)) {
      super.onError(cli, namespace, error);
    }
  }
}
