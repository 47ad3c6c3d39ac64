package io.datamapper.server;

import io.datamapper.DataMapperException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the server: the only place that boots Spring, called by {@code datamapper serve} (so other
 * commands never load it) and by tests. Settings come as Spring properties ({@code datamapper.*},
 * {@code server.*}); environment variables and {@code application.properties} override the defaults
 * given here.
 */
public final class Server implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private Server(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static Server start(Map<String, Object> properties, String... args) {
    ServerThreads.install();
    SpringApplication app = new SpringApplication(ServerApplication.class);
    app.setWebApplicationType(WebApplicationType.SERVLET);
    app.setDefaultProperties(quietFailures(properties));
    app.setRegisterShutdownHook(true);
    try {
      return new Server(app.run(args));
    } catch (RuntimeException e) {
      // Spring wraps a setting the user can fix (no keys, bad database URL, port taken) in
      // bean-creation exceptions: surface the user's problem as the CLI shows any other
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof DataMapperException d)
          throw new DataMapperException("Cannot start the server: " + d.getMessage(), e);
        if (t instanceof PortInUseException p) {
          throw new DataMapperException(
              "Cannot start the server: port "
                  + p.getPort()
                  + " is in use; choose another with --port",
              e);
        }
      }
      throw e;
    }
  }

  /**
   * Spring logs a failed start-up with the whole stack (and Tomcat and the context once more). A
   * setting the user can fix is shown by the CLI as one line instead, and a bug is rethrown with
   * its stack, so these loggers stay quiet; a user's own logging settings still win.
   */
  private static Map<String, Object> quietFailures(Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>();
    for (String logger :
        List.of(
            "org.springframework.boot.SpringApplication",
            "org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger",
            "org.springframework.boot.tomcat.servlet.DeferredServletContainerInitializers")) {
      all.put("logging.level." + logger, "off");
    }
    all.put(
        "logging.level.org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext",
        "error");
    all.putAll(properties);
    return all;
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * The running application context (for tests that inspect the wiring, e.g. every handler's access
   * rule).
   */
  ConfigurableApplicationContext context() {
    return context;
  }

  public String nodeName() {
    return context.getBean(DataMapperProperties.class).nodeName();
  }

  /** Blocks until the server is stopped (Ctrl-C, SIGTERM). */
  public void awaitStop() throws InterruptedException {
    while (context.isActive()) Thread.sleep(500);
  }

  @Override
  public void close() {
    context.close();
  }
}
