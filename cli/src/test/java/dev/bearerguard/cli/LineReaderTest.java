package dev.bearerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<LineReader.Line> all(String input, int limit) throws IOException {
        LineReader r = new LineReader(new StringReader(input), limit);
        List<LineReader.Line> out = new ArrayList<>();
        LineReader.Line l;
        while ((l = r.next()) != null) {
            out.add(l);
        }
        return out;
    }

    @Test
    void nextWhenLinesEndInLfOrCrLfThenTextWithoutTheBreak() throws IOException {
        assertThat(all("a\nbb\r\n\nccc", 10)).containsExactly(new LineReader.Line("a", false),
                new LineReader.Line("bb", false), new LineReader.Line("", false), new LineReader.Line("ccc", false));
    }

    @Test
    void nextWhenInputEndsWithALineBreakThenNoExtraEmptyLine() throws IOException {
        assertThat(all("a\n", 10)).hasSize(1);
        assertThat(all("", 10)).isEmpty();
    }

    @Test
    void nextWhenLineIsLongerThanTheLimitThenKeepsLimitPlusOneAndSkipsTheRest() throws IOException {
        String huge = "x".repeat(1 << 20);

        List<LineReader.Line> lines = all("ok\n" + huge + "\nafter\n", 100);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).tooLong()).isTrue();
        assertThat(lines.get(1).text()).hasSize(101);
        assertThat(lines.get(2)).isEqualTo(new LineReader.Line("after", false));
    }

    @Test
    void nextWhenLineIsExactlyTheLimitThenNotTooLongEvenWithCrLf() throws IOException {
        List<LineReader.Line> lines = all("y".repeat(100) + "\r\n" + "z".repeat(101) + "\n", 100);

        assertThat(lines.get(0).tooLong()).isFalse();
        assertThat(lines.get(0).text()).hasSize(100);
        assertThat(lines.get(1).tooLong()).isTrue();
    }
}
