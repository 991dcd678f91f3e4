package dev.tailgate.gateway;

import dev.tailgate.gateway.admin.AdminExposure;
import dev.tailgate.gateway.admin.AdminTaskGuard;
import dev.tailgate.gateway.admin.ConfigFileSource;
import dev.tailgate.gateway.admin.ConfigFileWatcher;
import dev.tailgate.gateway.admin.ConfigReloader;
import dev.tailgate.gateway.admin.ExporterQueueHealthCheck;
import dev.tailgate.gateway.admin.PipelinesHealthCheck;
import dev.tailgate.gateway.admin.PrometheusServlet;
import dev.tailgate.gateway.admin.ReadinessHealthCheck;
import dev.tailgate.gateway.admin.ReloadLog;
import dev.tailgate.gateway.admin.ReloadSamplingServlet;
import dev.tailgate.gateway.admin.status.StatusPage;
import dev.tailgate.gateway.http.JettyHttpHost;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Readiness;
import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.ConfigException;
import dev.tailgate.pipeline.exporterhelper.QueueStatus;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.ServiceGraph;
import dev.tailgate.pipeline.memory.MemoryBudget;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway: {@code java -jar tailgate.jar server config.yml} (or {@code check config.yml}). */
public class TailgateApplication extends Application<TailgateConfiguration> {
  private static final Logger log = LoggerFactory.getLogger(TailgateApplication.class);

  /** Set in initialize: the config file is known only once Dropwizard opens it. */
  private ConfigFileSource configSource;

  public static void main(String[] args) throws Exception {
    new TailgateApplication().run(args);
  }

  @Override
  public String getName() {
    return "tailgate";
  }

  @Override
  public void initialize(Bootstrap<TailgateConfiguration> bootstrap) {
    // ${VAR} and ${VAR:-default} from the environment; an unset variable without default stays as
    // written.
    // The admin reload task reads the file again through the same provider, so substitution is the
    // same.
    configSource =
        new ConfigFileSource(
            new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)));
    bootstrap.setConfigurationSourceProvider(configSource);
  }

  @Override
  protected void addDefaultCommands(Bootstrap<TailgateConfiguration> bootstrap) {
    bootstrap.addCommand(new TailgateServerCommand(this));
    bootstrap.addCommand(new TailgateCheckCommand(this));
  }

  @Override
  public void run(TailgateConfiguration config, Environment environment) {
    GraphPlan plan = GatewayPlanner.plan(config);
    plan.warnings().forEach(warning -> log.warn("config: {}", warning));

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ClassLoaderMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new UptimeMetrics().bindTo(meters);
    new FileDescriptorMetrics().bindTo(meters);

    JettyHttpHost http = new JettyHttpHost(environment);
    // Planned (and checked) by GatewayPlanner.plan above; created here, reading their files once.
    ExtensionHost host =
        new ExtensionHost(
            http, ExtensionsPlanner.plan(config, new ConfigErrors()).create(Clock.systemUTC()));
    // One deadline for the whole drain: receivers, processors and exporters all end by it,
    // drain_timeout
    // after the pipelines begin to stop (see ShutdownDeadline, GraphLifecycle).
    ShutdownDeadline shutdown = new ShutdownDeadline(config.getService().drainTimeout());
    MemoryBudget memory =
        new MemoryBudget(
            config.getService().getMemory().limitBytes(Runtime.getRuntime().maxMemory()), meters);
    ServiceGraph graph =
        plan.build(
            id -> new ComponentSettings(id, meters, Clock.systemUTC(), host, shutdown, memory));
    http.configure(config.getServerFactory());

    environment.lifecycle().manage(new GraphLifecycle(graph, shutdown));
    ReloadLog reloadLog = new ReloadLog(startupVersion(configSource), Clock.systemUTC());
    ConfigReloader reloader =
        new ConfigReloader(
            configSource,
            config,
            graph,
            memory,
            text -> parseAndPlan(environment, text),
            reloadLog);
    java.time.Duration watchInterval =
        java.time.Duration.ofNanos(config.getService().getConfigWatchInterval().toNanoseconds());
    if (!watchInterval.isZero() && configSource.path().isPresent()) {
      environment
          .lifecycle()
          .manage(
              new ConfigFileWatcher(
                  java.nio.file.Path.of(configSource.path().get()),
                  watchInterval,
                  reloader,
                  meters));
    }
    environment
        .admin()
        .addFilter(
            "admin-task-guard",
            new AdminTaskGuard(
                AdminExposure.loopbackOnly(config.getServerFactory()), adminToken(config)))
        .addMappingForUrlPatterns(
            EnumSet.of(DispatcherType.REQUEST), true, AdminTaskGuard.GUARDED_PATHS);
    environment
        .admin()
        .addServlet("prometheus", new PrometheusServlet(meters))
        .addMapping("/metrics");
    environment
        .admin()
        .addServlet("reload-sampling", new ReloadSamplingServlet(reloader))
        .addMapping(ReloadSamplingServlet.PATH);
    StatusPage.register(
        environment, plan, config.getService().getPipelines(), graph, meters, memory, reloadLog);
    environment.healthChecks().register("pipelines", new PipelinesHealthCheck(graph));
    graph
        .processors()
        .forEach(
            (pipeline, chain) ->
                chain.forEach(
                    processor -> {
                      if (processor instanceof Readiness readiness) {
                        environment
                            .healthChecks()
                            .register(
                                processor + " (pipeline " + pipeline + ")",
                                new ReadinessHealthCheck(readiness));
                      }
                    }));
    graph
        .exporters()
        .forEach(
            (name, exporter) -> {
              if (exporter instanceof QueueStatus) {
                // A rebuilt exporter is of the same type: the check asks the graph for the one
                // running now.
                environment
                    .healthChecks()
                    .register(
                        "exporter " + name,
                        new ExporterQueueHealthCheck(
                            () -> (QueueStatus) graph.exporters().get(name)));
              }
            });
  }

  /**
   * Checked by the planner already (the file is there and not empty); a failure now is a race with
   * its removal.
   */
  private static String adminToken(TailgateConfiguration config) {
    try {
      return config.getService().getAdmin().resolveToken();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("service.admin.token_file cannot be read", e);
    }
  }

  /** The version of the config file as the gateway read it at start (the status page shows it). */
  private static String startupVersion(ConfigFileSource source) {
    try (java.io.InputStream in = source.reopen()) {
      return ReloadLog.versionOf(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /**
   * A config file's text checked as at start and by {@code check}: Dropwizard's binding and
   * validation, then the whole pipeline graph.
   *
   * @throws ConfigException naming every problem
   */
  private static ConfigReloader.Checked parseAndPlan(Environment environment, String text) {
    YamlConfigurationFactory<TailgateConfiguration> factory =
        new YamlConfigurationFactory<>(
            TailgateConfiguration.class,
            environment.getValidator(),
            environment.getObjectMapper(),
            "dw");
    TailgateConfiguration candidate;
    try {
      candidate =
          factory.build(
              path ->
                  new java.io.ByteArrayInputStream(
                      text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
              "config.yml");
    } catch (io.dropwizard.configuration.ConfigurationException | java.io.IOException e) {
      throw new ConfigException(List.of(e.getMessage().strip()));
    }
    return new ConfigReloader.Checked(candidate, GatewayPlanner.plan(candidate));
  }
}
