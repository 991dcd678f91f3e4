package dev.tailgate.gateway.admin;

import java.util.List;

/** Lets tests outside this package fill a {@link ReloadLog} as the reloader does. */
public final class ReloadLogs {
  private ReloadLogs() {}

  public static ReloadLog recorded(
      ReloadLog log, String trigger, boolean applied, String configVersion, List<String> lines) {
    log.record(trigger, applied, configVersion, lines);
    return log;
  }
}
