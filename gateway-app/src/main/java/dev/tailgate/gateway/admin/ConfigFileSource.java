package dev.tailgate.gateway.admin;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Opens config files through the gateway's own source provider (so {@code ${VAR:-default}} is
 * substituted the same way) and remembers which file the gateway was started with, so admin tasks
 * can read it again.
 */
public final class ConfigFileSource implements ConfigurationSourceProvider {
  private final ConfigurationSourceProvider delegate;
  private volatile String path;

  public ConfigFileSource(ConfigurationSourceProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public InputStream open(String path) throws IOException {
    InputStream opened = delegate.open(path);
    this.path = path;
    return opened;
  }

  /** The file last opened, normally the one the gateway was started with. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** The current content of that file, substituted. */
  public InputStream reopen() throws IOException {
    String current = path;
    if (current == null) {
      throw new IOException("the gateway was not started from a config file");
    }
    return delegate.open(current);
  }
}
