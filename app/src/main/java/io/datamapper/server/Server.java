package io.datamapper.server;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the server: the only place that boots Spring, called by {@code datamapper serve} (so
 * other commands never load it) and by tests. Settings come as Spring properties
 * ({@code datamapper.*}, {@code server.*}); environment variables and
 * {@code application.properties} override the defaults given here.
 */
public final class Server implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private Server(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static Server start(Map<String, Object> properties, String... args) {
    SpringApplication app = new SpringApplication(ServerApplication.class);
    app.setWebApplicationType(WebApplicationType.SERVLET);
    app.setDefaultProperties(properties);
    app.setRegisterShutdownHook(true);
    return new Server(app.run(args));
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
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
