package io.datamapper.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring Boot application behind {@code datamapper serve}; started only by that command. It
 * serves the REST API ({@code io.datamapper.server}) and the web UI ({@code io.datamapper.web}).
 */
@SpringBootApplication(scanBasePackages = {"io.datamapper.server", "io.datamapper.web"})
@ConfigurationPropertiesScan
public class ServerApplication {}
