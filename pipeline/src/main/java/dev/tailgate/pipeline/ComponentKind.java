package dev.tailgate.pipeline;

/** The three kinds of component, named as in config.yml's top-level sections. */
public enum ComponentKind {
  RECEIVER("receivers"),
  PROCESSOR("processors"),
  EXPORTER("exporters");

  private final String section;

  ComponentKind(String section) {
    this.section = section;
  }

  /** The config.yml section that configures components of this kind. */
  public String section() {
    return section;
  }

  /** The singular, for messages: "receiver", "processor", "exporter". */
  public String noun() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
