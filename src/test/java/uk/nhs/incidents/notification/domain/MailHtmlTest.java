package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The HTML body as it is sent: few lines, none past the mail limit, none broken inside a tag, ASCII only. */
class MailHtmlTest {

    private static final String RENDERED = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <body style="font-family: Arial, sans-serif;">
            <h1 style="font-size: 20px;">Incident raised</h1>

            <table style="border-collapse: collapse;">
              <tr><th style="text-align: left;">Incident</th><td>INC-2026-000001 &ndash; Login fails</td></tr>
            </table>
            <p>Raised by the
               provider</p>
            </body>
            </html>
            """;

    @Test
    void aShortBodyIsOneLineWithTheTemplatesLineBreaksAsSpaces() {
        assertThat(MailHtml.of(RENDERED)).isEqualTo("<!DOCTYPE html> <html lang=\"en-GB\"> <body style=\"font-family: "
                + "Arial, sans-serif;\"> <h1 style=\"font-size: 20px;\">Incident raised</h1> <table style=\""
                + "border-collapse: collapse;\"> <tr><th style=\"text-align: left;\">Incident</th><td>INC-2026-000001 "
                + "&ndash; Login fails</td></tr> </table> <p>Raised by the provider</p> </body> </html>\n");
    }

    @Test
    void aLongBodyBreaksAtSpacesOutsideTagsWithinTheMailLimit() {
        String cell = "<td style=\"padding-right: 12px; text-align: left;\">word word word word word</td>\n";
        String html = "<table><tr>\n" + cell.repeat(200) + "</tr></table>\n";

        String sent = MailHtml.of(html);

        List<String> lines = sent.lines().toList();
        assertThat(lines).hasSizeBetween(html.length() / MailHtml.MAX_LINE, html.length() / 900 + 1);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.length()).isLessThanOrEqualTo(MailHtml.MAX_LINE);
            assertThat(line.chars().filter(c -> c == '<').count()).as("tags whole in " + line)
                    .isEqualTo(line.chars().filter(c -> c == '>').count());
        });
        assertThat(String.join(" ", lines)).as("broken only where the joined lines had a space")
                .isEqualTo(html.lines().map(String::strip).collect(Collectors.joining(" ")));
    }

    @Test
    void charactersBeyondAsciiAreSentAsCharacterReferences() {
        String sent = MailHtml.of("<p>Zo\u00eb\u2019s \u201cgo-live\u201d \uD83D\uDE00</p>");

        assertThat(sent).isEqualTo("<p>Zo&#235;&#8217;s &#8220;go-live&#8221; &#128512;</p>\n");
        assertThat(sent.chars()).allMatch(c -> c < 128);
    }

    @Test
    void onlyTheSpacesAndTabsHtmlCollapsesAreStrippedAtALinesEnds() {
        assertThat(MailHtml.of("  <p>one\u2003\n\u2003two \t\n</p>  \n"))
                .isEqualTo("<p>one&#8195; &#8195;two </p>\n");
    }

    @Test
    void aRunWithNoSpaceToBreakAtIsLeftWhole() {
        String run = "x".repeat(MailHtml.MAX_LINE + 10);

        assertThat(MailHtml.of("<p>a " + run + " b</p>").lines()).containsExactly("<p>a", run, "b</p>");
    }
}
