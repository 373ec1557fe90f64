package dev.bearerguard.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Reads lines with a length guard: a line longer than the limit is not held in memory, only its
 * first {@code limit + 1} characters, and the rest is skipped up to the next line break. So a
 * 1 MB (or endless) line costs no more memory than a short one. A line ends at {@code \n}; one
 * {@code \r} before it is dropped.
 *
 * <p>Not thread-safe.
 */
final class LineReader {

    /**
     * One line of input.
     *
     * @param text    the line without its line break (cut at {@code limit + 1} characters if too long)
     * @param tooLong whether the line held more than the limit
     */
    record Line(String text, boolean tooLong) {
    }

    private final Reader in;
    private final int limit;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private final StringBuilder sb = new StringBuilder(1024);

    /**
     * @param in    the input, read in large blocks (no need to buffer it)
     * @param limit the longest line kept whole, in characters
     */
    LineReader(Reader in, int limit) {
        this.in = Objects.requireNonNull(in, "in");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    /**
     * The next line, or null at the end of input.
     *
     * @throws IOException if reading fails
     */
    Line next() throws IOException {
        sb.setLength(0);
        boolean sawAny = false;
        boolean tooLong = false;
        while (true) {
            if (pos == end) {
                if (eof || !fill()) {
                    if (!sawAny) {
                        return null;
                    }
                    return finish(tooLong);
                }
            }
            sawAny = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            int room = limit + 1 - sb.length();
            int n = pos - start;
            if (n > room) {
                tooLong = true;
                if (room > 0) {
                    sb.append(buf, start, room);
                }
            } else {
                sb.append(buf, start, n);
            }
            if (pos < end) { // found '\n'
                pos++;
                return finish(tooLong);
            }
        }
    }

    /** Whether more input can be read without blocking (used to decide when to flush output). */
    boolean ready() throws IOException {
        return pos < end || (!eof && in.ready());
    }

    private Line finish(boolean tooLong) {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r' && !(tooLong && len > limit)) {
            sb.setLength(len - 1);
        }
        boolean over = tooLong || sb.length() > limit;
        return new Line(sb.toString(), over);
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
