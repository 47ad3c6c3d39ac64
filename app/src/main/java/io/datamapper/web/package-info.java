/**
 * The web UI of {@code datamapper serve}, at {@code /} and {@code /ui/**}: server-rendered pages
 * (Thymeleaf), partial updates with htmx and import progress over Server-Sent Events. Controllers
 * call the engine and the server's job queue directly, as the REST controllers do; the UI never
 * calls the REST API over HTTP. Sign-in keeps the role of an API key in the servlet session ({@link
 * io.datamapper.web.WebSession}); every form and htmx request carries the session's CSRF token
 * ({@link io.datamapper.web.WebGuard}).
 */
package io.datamapper.web;
