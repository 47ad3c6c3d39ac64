package io.datamapper.server.limits;

import io.datamapper.server.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body except multipart uploads (which have their own limits, {@code
 * spring.servlet.multipart.*} and, for the {@code mapping} part, {@code
 * server.tomcat.max-http-form-post-size}) to {@code datamapper.max-json-body}: a declared length
 * over it is refused at once with 413; a body without a length is counted as it is read and fails
 * with {@link BodyTooLargeException} (413 too).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class BodyLimitFilter extends OncePerRequestFilter {
  private final long max;

  public BodyLimitFilter(ServerLimits limits) {
    this.max = limits.maxJsonBody().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      chain.doFilter(request, response);
      return;
    }
    long length = request.getContentLengthLong();
    if (length > max) {
      Problems.write(
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "too-large",
          "The request body has "
              + length
              + " bytes; this server "
              + "accepts at most "
              + max
              + " (datamapper.max-json-body). Send a smaller document.",
          null);
      return;
    }
    chain.doFilter(length >= 0 ? request : new Limited(request, max), response);
  }

  /** The request with its body counted as it is read. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) stream = new Counting(super.getInputStream(), max);
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String enc = getCharacterEncoding();
      Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
      return new BufferedReader(new InputStreamReader(getInputStream(), cs));
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long max;
    private long count;

    Counting(ServletInputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    private int counted(int n) throws BodyTooLargeException {
      if (n > 0) count += n;
      if (count > max) throw new BodyTooLargeException(max);
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) counted(1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return counted(in.read(b, off, len));
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
