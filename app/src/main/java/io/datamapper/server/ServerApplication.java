package io.datamapper.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application behind {@code datamapper serve}; started only by that command. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServerApplication {
}
