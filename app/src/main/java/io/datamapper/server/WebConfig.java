package io.datamapper.server;

import io.datamapper.server.security.RoleInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The role check on every handler Spring resolves, and CORS from {@code datamapper.cors-origins}
 * (none when empty).
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {
  private final DataMapperProperties props;
  private final RoleInterceptor roles;

  WebConfig(DataMapperProperties props, RoleInterceptor roles) {
    this.props = props;
    this.roles = roles;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(roles);
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (props.corsOrigins().isEmpty()) return;
    registry
        .addMapping("/**")
        .allowedOrigins(props.corsOrigins().toArray(String[]::new))
        .allowedMethods("GET", "POST", "DELETE", "OPTIONS")
        .allowedHeaders("*")
        .exposedHeaders("Location", "Retry-After");
  }
}
