package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void escapesEveryStringSoItReadsBackTheSame() {
        String nasty = "quote \" backslash \\ slash / newline \n tab \t cr \r nul \u0000 bell \u0007 line-sep \u2028 "
                + "emoji \ud83d\ude00 <tag> &amp;";
        String json = new JsonWriter(1).beginObject().name(nasty).value(nasty).endObject().text();

        assertThat(MiniJson.parse(json)).isEqualTo(Map.of(nasty, nasty));
        assertThat(json).contains("\\u0000", "\\u0007", "\\u2028", "\ud83d\ude00").doesNotContain("\u0000", "\u2028");
    }

    @Test
    void replacesLoneSurrogatesWithEscapes() {
        String json = new JsonWriter(0).beginArray().value("a\ud800b").value("\udc00").endArray().text();

        assertThat(json).contains("a\\ud800b", "\\udc00");
        assertThat(MiniJson.parse(json)).isEqualTo(List.of("a\ud800b", "\udc00"));
    }

    @Test
    void writesNestedContainersOnePerLineFromTheInlineDepth() {
        String json = new JsonWriter(2).beginObject()
                .name("n").value(1).name("b").value(true).name("x").nullValue().name("d").number("0.25")
                .name("empty").beginObject().endObject()
                .name("items").beginArray()
                .beginObject().name("i").value(0).name("tags").beginArray().value("a").endArray().endObject()
                .beginObject().name("i").value(1).endObject()
                .endArray().endObject().text();

        assertThat(json).isEqualTo("""
                {
                  "n": 1,
                  "b": true,
                  "x": null,
                  "d": 0.25,
                  "empty": {},
                  "items": [
                    {"i":0,"tags":["a"]},
                    {"i":1}
                  ]
                }
                """);
        assertThat(MiniJson.object(MiniJson.parse(json))).containsEntry("d", new BigDecimal("0.25"));
    }

    @Test
    void refusesToEndWithAnOpenContainer() {
        assertThatThrownBy(() -> new JsonWriter(1).beginObject().text())
                .isInstanceOf(IllegalStateException.class).hasMessage("1 JSON container(s) left open");
    }
}
