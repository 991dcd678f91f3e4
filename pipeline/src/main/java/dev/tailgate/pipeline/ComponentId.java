package dev.tailgate.pipeline;

import java.util.regex.Pattern;

/** A component instance's id as written in config.yml: {@code type} or {@code type/name}. */
public record ComponentId(String type, String name) {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*");

  public ComponentId {
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "\"" + type + "\" is not a component type (lower case letters, digits and _)");
    }
    name = name == null ? "" : name;
  }

  /** Parses {@code type} or {@code type/name}; throws IllegalArgumentException with the reason. */
  public static ComponentId parse(String id) {
    int slash = id.indexOf('/');
    if (slash < 0) {
      return new ComponentId(id, "");
    }
    String name = id.substring(slash + 1);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("\"" + id + "\" has an empty name after '/'");
    }
    return new ComponentId(id.substring(0, slash), name);
  }

  @Override
  public String toString() {
    return name.isEmpty() ? type : type + "/" + name;
  }
}
