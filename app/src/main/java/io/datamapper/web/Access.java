package io.datamapper.web;

import io.datamapper.server.security.Role;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a web UI handler needs, or {@code open} for the sign-in pages. Read by {@link WebGuard}
 * on the handler Spring resolved; a web handler without it is refused.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface Access {
  Role value() default Role.READER;

  /** Anyone may call it (signing in and out). */
  boolean open() default false;
}
