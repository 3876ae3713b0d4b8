package dev.alfred.agents.tools.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchLinesTest {

    @Test
    void addedAndUnchangedLinesGetTheNewFilesNumbersRemovedLinesNone() {
        String patch = "@@ -10,3 +10,4 @@ class App\n unchanged\n-old\n+new\n+more\n tail\n"
                + "@@ -40 +41,2 @@\n+x\n \\ No newline at end of file";

        assertThat(PatchLines.number(patch)).isEqualTo("""
                @@ -10,3 +10,4 @@ class App
                   10|  unchanged
                     | -old
                   11| +new
                   12| +more
                   13|  tail
                @@ -40 +41,2 @@
                   41| +x
                   42|  \\ No newline at end of file
                """);
    }
}
