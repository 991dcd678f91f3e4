package dev.tailgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.common.util.AccessCommonVersionUtil;
import ch.qos.logback.core.util.CoreVersionUtil;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What logback-access's start-time version check means to verify, checked where it can be: on the
 * build's classpath, one jar per library. At run time it cannot (see RequestLogStatus), so its
 * warnings go to debug; a dependency upgrade that really mismatches the logback libraries fails
 * here.
 */
class LogbackAccessVersionsTest {

  @Test
  void logbackAccessJetty12IsTheVersionOfLogbackAccessCommon() throws IOException {
    Properties jetty12 =
        resource("META-INF/maven/ch.qos.logback.access/logback-access-jetty12/pom.properties");

    assertThat(jetty12.getProperty("version"))
        .isEqualTo(AccessCommonVersionUtil.getAccessCommonVersionBySelfDeclaredProperties());
  }

  @Test
  void logbackCoreIsTheVersionLogbackAccessCommonWasBuiltWith() throws IOException {
    Properties expected = resource("logback-access-common-dependees.properties");

    assertThat(expected.getProperty("logback-core"))
        .isEqualTo(CoreVersionUtil.getCoreVersionBySelfDeclaredProperties());
  }

  private static Properties resource(String name) throws IOException {
    try (InputStream in =
        LogbackAccessVersionsTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " on the classpath").isNotNull();
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    }
  }
}
