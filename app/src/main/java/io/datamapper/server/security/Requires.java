package io.datamapper.server.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a controller method (or every method of a controller) needs. The check runs on the
 * handler Spring resolved for the request ({@link RoleInterceptor}), so no spelling of a path
 * reaches a method without it. A handler with neither this nor {@link Open} is refused.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
  Role value();
}
