package dev.tailgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.gateway.TailgateConfiguration;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Reconfigurable;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.ConfigException;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.ServiceGraph;
import dev.tailgate.pipeline.memory.MemoryBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Re-reads the config file, checks all of it as {@code check} does, and applies what can change in
 * place: every running {@link Reconfigurable} processor (tail_sampling policies, redaction rules,
 * batch sizes and timeout) gets its entry, {@code service.memory} resizes the memory budget, and an
 * exporter or receiver whose entry changed is rebuilt, an exporter handing its queue over (see
 * {@link ComponentRebuilds}). Buffered traces, waiting batches and queues stay. All or nothing: an
 * invalid file changes nothing and the problems are reported with their paths. Extensions and the
 * pipelines' shape are not rebuilt in place: a change to them is reported as waiting for a restart.
 */
public final class ConfigReloader {
  private final ConfigFileSource source;
  private final ServiceGraph graph;
  private final MemoryBudget memory;
  private final ConfigParser parser;
  private final ReloadLog log;
  private final ObjectMapper json = new ObjectMapper();
  private final ConfigBinder binder = new ConfigBinder();

  /**
   * What the gateway was built from: the parts a reload does not rebuild, to tell their changes.
   */
  private final Map<String, JsonNode> builtFrom;

  private final ComponentRebuilds exporters;
  private final ComponentRebuilds receivers;

  /** Parses and checks a whole config file (the text after {@code ${VAR}} substitution). */
  @FunctionalInterface
  public interface ConfigParser {
    /**
     * @throws ConfigException listing every problem with its path
     */
    Checked parse(String text);
  }

  /** A config file that passed every check, and the graph it plans. */
  public record Checked(TailgateConfiguration config, GraphPlan plan) {}

  public ConfigReloader(
      ConfigFileSource source,
      TailgateConfiguration running,
      ServiceGraph graph,
      MemoryBudget memory,
      ConfigParser parser,
      ReloadLog log) {
    this.source = source;
    this.graph = graph;
    this.memory = memory;
    this.parser = parser;
    this.log = log;
    this.builtFrom = rebuiltOnly(running);
    this.exporters = ComponentRebuilds.forExporters(graph, running.getExporters());
    this.receivers = ComponentRebuilds.forReceivers(graph, running.getReceivers());
  }

  /** What a reload did, or why it did nothing. */
  public record Result(boolean applied, List<String> lines) {}

  /**
   * {@code trigger} says what asked for it ({@code file_change}, {@code admin_task}), for the log.
   */
  public synchronized Result reload(String trigger) {
    String text;
    try (InputStream in = source.reopen()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return logged(
          trigger,
          "unknown",
          refused(
              List.of(
                  "cannot read "
                      + source.path().orElse("the config file")
                      + ": "
                      + e.getMessage())));
    }
    String version = ReloadLog.versionOf(text);
    Checked candidate;
    try {
      candidate = parser.parse(text);
    } catch (ConfigException e) {
      return logged(trigger, version, refused(e.problems()));
    }
    return logged(trigger, version, apply(candidate));
  }

  private Result apply(Checked checked) {
    TailgateConfiguration candidate = checked.config();
    ConfigErrors errors = new ConfigErrors();
    List<Runnable> changes = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    checked.plan().warnings().forEach(warning -> lines.add("warning: " + warning));
    Set<String> missing = new LinkedHashSet<>();
    for (Reconfigurable<?> component : reconfigurables()) {
      JsonNode entry = candidate.getProcessors().get(component.id());
      if (entry == null) {
        missing.add(component.id());
      } else {
        bound(component, entry, errors, lines).ifPresent(changes::add);
      }
    }
    if (!errors.isEmpty()) {
      return refused(errors.problems());
    }
    changes.forEach(Runnable::run);
    missing.forEach(
        id ->
            lines.add(
                "processors." + id + ": no longer in the file; runs as before until a restart"));
    long limit = candidate.getService().getMemory().limitBytes(Runtime.getRuntime().maxMemory());
    if (limit != memory.limit()) {
      memory.resize(limit);
      lines.add("service.memory: budget now " + limit + " bytes");
    }
    // Exporters first: a rebuilt receiver then sends to exporters that are already in their new
    // shape.
    lines.addAll(exporters.rebuildChanged(candidate.getExporters(), checked.plan()));
    lines.addAll(receivers.rebuildChanged(candidate.getReceivers(), checked.plan()));
    Map<String, JsonNode> wanted = rebuiltOnly(candidate);
    wanted.forEach(
        (section, node) -> {
          if (!Objects.equals(node, builtFrom.get(section))) {
            lines.add(section + ": changed; takes effect on restart (not rebuilt in place)");
          }
        });
    if (lines.isEmpty()) {
      lines.add("nothing to change");
    }
    return new Result(true, lines);
  }

  /** The entry bound to the component's config type, as a change still to apply. */
  private <C> Optional<Runnable> bound(
      Reconfigurable<C> component, JsonNode entry, ConfigErrors errors, List<String> lines) {
    return binder
        .bind(entry, component.configType(), "processors." + component.id(), errors)
        .map(config -> () -> lines.addAll(component.reconfigure(config)));
  }

  private List<Reconfigurable<?>> reconfigurables() {
    List<Reconfigurable<?>> found = new ArrayList<>();
    for (List<Processor<?>> chain : graph.processors().values()) {
      for (Processor<?> processor : chain) {
        if (processor instanceof Reconfigurable<?> reconfigurable) {
          found.add(reconfigurable);
        }
      }
    }
    return found;
  }

  /**
   * The sections only a restart applies; receivers and exporters are rebuilt one by one, see {@link
   * ComponentRebuilds}.
   */
  private Map<String, JsonNode> rebuiltOnly(TailgateConfiguration config) {
    return Map.of(
        "extensions", json.valueToTree(config.getExtensions()),
        "service.pipelines", json.valueToTree(config.getService().getPipelines()));
  }

  private Result logged(String trigger, String version, Result result) {
    log.record(trigger, result.applied(), version, result.lines());
    return result;
  }

  private static Result refused(List<String> problems) {
    List<String> lines = new ArrayList<>();
    lines.add("not reloaded; the running config stays:");
    problems.forEach(problem -> lines.add("  * " + problem));
    return new Result(false, lines);
  }
}
