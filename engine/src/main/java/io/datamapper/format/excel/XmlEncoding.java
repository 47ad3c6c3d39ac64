package io.datamapper.format.excel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes any XML part UTF-8 for {@link XmlBytes}: a UTF-8 part (what every spreadsheet program
 * writes) passes through untouched, its byte order mark dropped; a UTF-16 part (by its mark or
 * first bytes) or one whose declaration names another encoding is decoded and encoded again as
 * UTF-8.
 */
final class XmlEncoding {
  private static final Pattern ENCODING =
      Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");

  private XmlEncoding() {}

  /** {@code in} as UTF-8 bytes. */
  static InputStream utf8(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 512);
    b.mark(512);
    byte[] head = b.readNBytes(200);
    b.reset();
    int n = head.length;
    if (n >= 3
        && (head[0] & 0xff) == 0xEF
        && (head[1] & 0xff) == 0xBB
        && (head[2] & 0xff) == 0xBF) {
      b.skipNBytes(3);
      return b;
    }
    Charset charset = null;
    if (n >= 2
        && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == 0 && head[1] == '<')))
      charset = StandardCharsets.UTF_16BE;
    else if (n >= 2
        && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || (head[0] == '<' && head[1] == 0)))
      charset = StandardCharsets.UTF_16LE;
    else {
      Matcher m = ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
      if (m.find()) {
        String name = m.group(1);
        if (name.equalsIgnoreCase("UTF-8") || name.equalsIgnoreCase("UTF8")) return b;
        try {
          charset = Charset.forName(name);
        } catch (IllegalArgumentException e) {
          throw new XmlBytes.Malformed("its declared encoding " + name + " is unknown");
        }
      }
    }
    if (charset == null) return b;
    if (charset == StandardCharsets.UTF_16BE || charset == StandardCharsets.UTF_16LE) {
      if ((head[0] & 0xff) >= 0xFE) b.skipNBytes(2);
    }
    return new Transcoded(new InputStreamReader(b, charset));
  }

  /** Characters read in one encoding, given out as UTF-8 bytes. */
  private static final class Transcoded extends InputStream {
    private final Reader reader;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private final ByteBuffer bytes = ByteBuffer.allocate(3 * 8192 + 8);
    private boolean done;

    Transcoded(Reader reader) {
      this.reader = reader;
      chars.flip();
      bytes.flip();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
      while (!bytes.hasRemaining()) {
        if (done) return -1;
        chars.compact();
        int n = reader.read(chars);
        chars.flip();
        if (n < 0) done = true;
        bytes.clear();
        encoder.encode(chars, bytes, done);
        bytes.flip();
      }
      int n = Math.min(len, bytes.remaining());
      bytes.get(out, off, n);
      return n;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
