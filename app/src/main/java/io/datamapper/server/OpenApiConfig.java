package io.datamapper.server;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: title, the API-key scheme (so Swagger UI's Authorize button works) and the
 * problem-detail answers every operation can give, so clients see the error shape too.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
  private static final String PROBLEM = "Problem";

  @Bean
  OpenAPI dataMapperOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Data Mapper API")
                .version("1")
                .description(
                    "Imports CSV/TSV, Excel, JSON and XML into PostgreSQL through a declarative mapping. Errors are RFC 9457 "
                        + "problem details. The mapping's JSON Schema is at /mapping.schema.json."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-API-Key")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }

  @Bean
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      // added here, after springdoc has built its schemas from the controllers
      if (openApi.getComponents() == null) openApi.setComponents(new Components());
      openApi.getComponents().addSchemas(PROBLEM, problemSchema());
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (method, op) -> {
                            add(
                                op,
                                "400",
                                "Bad request: a parameter, part or value the API cannot use");
                            add(op, "401", "No API key, or an unknown one");
                            add(op, "403", "The key's role is too low for this operation");
                            if (path.equals("/map-data")) {
                              add(
                                  op,
                                  "409",
                                  "The file was already imported into this table (previousImportId)");
                              add(op, "413", "The upload is larger than the server accepts");
                              add(
                                  op,
                                  "422",
                                  "The mapping does not fit (problems), the file cannot be read, or a row was rejected (line, column, value)");
                            }
                            if (path.contains("{")) add(op, "404", "No such table, import or task");
                          }));
    };
  }

  private static void add(Operation op, String status, String description) {
    if (op.getResponses() == null || op.getResponses().containsKey(status)) return;
    op.getResponses()
        .addApiResponse(
            status,
            new ApiResponse()
                .description(description)
                .content(
                    new Content()
                        .addMediaType(
                            "application/problem+json",
                            new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
  }

  private static Schema<?> problemSchema() {
    ObjectSchema s = new ObjectSchema();
    s.setDescription("RFC 9457 problem details");
    s.addProperty("type", new StringSchema().description("URI of the problem kind"));
    s.addProperty("title", new StringSchema());
    s.addProperty("status", new IntegerSchema());
    s.addProperty(
        "detail",
        new StringSchema()
            .description(
                "what happened and what to do, naming file, line and column where they apply"));
    s.addProperty("instance", new StringSchema());
    s.addProperty("line", new IntegerSchema().description("rejected row: line in the file"));
    s.addProperty("column", new StringSchema().description("rejected row: target column"));
    s.addProperty("value", new StringSchema().description("rejected row: the value"));
    s.addProperty(
        "problems",
        new ArraySchema().items(new StringSchema()).description("every mapping problem"));
    s.addProperty("importId", new IntegerSchema().format("int64"));
    s.addProperty("previousImportId", new IntegerSchema().format("int64"));
    return s;
  }
}
