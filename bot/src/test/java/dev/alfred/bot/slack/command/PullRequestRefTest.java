package dev.alfred.bot.slack.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PullRequestRefTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme/widgets#7", " acme/widgets#7 ", "https://github.com/acme/widgets/pull/7",
            "https://github.com/acme/widgets/pull/7/files", "<https://github.com/acme/widgets/pull/7>",
            "<https://github.com/acme/widgets/pull/7|acme/widgets#7>", "https://ghe.acme.io:8443/acme/widgets/pull/7?w=1"})
    void aPullRequestIsNamedByShortFormOrUrl(String text) {
        assertThat(PullRequestRef.parse(text)).contains(new PullRequestRef("acme/widgets", 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme/widgets", "acme/widgets#0", "acme#7", "acme/../x#7", "-acme/w#7",
            "https://github.com/acme/widgets/issues/7", "acme/widgets#7 and more", "ftp://github.com/a/b/pull/1"})
    void anythingElseNamesNone(String text) {
        assertThat(PullRequestRef.parse(text)).isEmpty();
    }

    @Test
    void theReviewTaskNamesEveryReviewerTheRepositoryAndTheSteps() {
        String task = ReviewCommand.task(new PullRequestRef("acme/widgets", 7), List.of("reviewer-correctness",
                "reviewer-tests"));

        assertThat(task).startsWith("Review pull request acme/widgets#7.\n")
                .contains("reviewer-correctness, reviewer-tests", "call delegate", "github_create_review on repo "
                        + "acme/widgets, number 7", "inline comment per finding");
    }
}
