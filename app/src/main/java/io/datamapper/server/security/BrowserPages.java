package io.datamapper.server.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the web UI's controllers. Their callers are browsers signed in with a session ({@link
 * BrowserSessions}), not requests with a key header, and their methods declare {@link Requires} or
 * {@link Open} as every handler does. The API's handlers never accept a session: a key header stays
 * the only way to call them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BrowserPages {}
