package io.datamapper.server;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and the API-key scheme (so Swagger UI's Authorize button works). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
  @Bean
  OpenAPI dataMapperOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Data Mapper API").version("1")
            .description("Imports CSV/TSV, Excel, JSON and XML into PostgreSQL through a declarative mapping. Errors are RFC 9457 "
                + "problem details. The mapping's JSON Schema is at /mapping.schema.json."))
        .components(new Components().addSecuritySchemes("apiKey",
            new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}
