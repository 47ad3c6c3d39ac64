package io.datamapper.server;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** CORS from {@code datamapper.cors-origins}; none allowed when it is empty. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {
  private final DataMapperProperties props;

  WebConfig(DataMapperProperties props) {
    this.props = props;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (props.corsOrigins().isEmpty()) return;
    registry.addMapping("/**")
        .allowedOrigins(props.corsOrigins().toArray(String[]::new))
        .allowedMethods("GET", "POST", "DELETE", "OPTIONS")
        .allowedHeaders("*")
        .exposedHeaders("Location");
  }
}
