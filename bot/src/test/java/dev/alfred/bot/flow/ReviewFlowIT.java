package dev.alfred.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStatus;
import dev.alfred.bot.demo.LocalSlack;
import dev.alfred.bot.demo.SlackUser;
import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.support.AlfredTestApp;
import dev.alfred.bot.support.FakeGitHub;
import dev.alfred.bot.support.FakeOpenAi;
import dev.alfred.bot.support.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /alfred review} against {@link FakeGitHub}: the boss delegates to the three shipped reviewers, each in a
 * sub-run with a fresh transcript reading the numbered diff; the (scripted) boss merges their findings and asks to post
 * one review with inline comments, which reaches GitHub once, only after Approve. Runs on H2 only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReviewFlowIT {
    private static final String TOKEN = "ghp_it" + UUID.randomUUID().toString().replace("-", "");
    private static final String REPO = "acme/widgets";
    private static final List<String> REVIEWERS = List.of("reviewer-correctness", "reviewer-security",
            "reviewer-tests");

    FakeGitHub github;
    AlfredTestApp app;
    SlackUser ada;
    int number;

    abstract TestDatabase database();

    @BeforeAll
    void startAlfredAndGitHub() throws Exception {
        github = FakeGitHub.start(TOKEN, "alfred-bot");
        number = github.pullRequest(REPO, "bob", "fix-upload", "main", "Fix the upload timeout", "Raises it.");
        github.pullRequestFile(REPO, number, "src/upload.js", "@@ -10,3 +10,3 @@ function upload() {\n"
                + "   const x = 1;\n-  setTimeout(done, 10);\n+  setTimeout(done, 10 * 1000);\n   return x;")
                .pullRequestFile(REPO, number, "test/upload.test.js", "@@ -0,0 +1,3 @@\n+test('upload', () => {\n"
                        + "+  upload();\n+});");
        app = AlfredTestApp.start(database(), Map.of("alfred.github.api-url", github.apiUrl(),
                "alfred.github.token", TOKEN));
        ada = app.user("U1");
    }

    @AfterAll
    void stopAlfredAndGitHub() {
        if (app != null) {
            app.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void threeReviewersFindingsBecomeOneReviewPostedOnlyAfterApprove() throws Exception {
        String diff = "{\"repo\":\"" + REPO + "\",\"number\":" + number + "}";
        List<String> findings = List.of("src/upload.js:11: high: setTimeout takes milliseconds; 10 * 1000 is right "
                + "but the constant should be named", "src/upload.js:11: medium: the timeout is not configurable",
                "test/upload.test.js:2: low: the test asserts nothing");
        for (int i = 0; i < REVIEWERS.size(); i++) {
            app.model.then(new FakeOpenAi.ToolCall("delegate", "{\"agent\":\"" + REVIEWERS.get(i) + "\",\"brief\":"
                    + "\"Review pull request " + REPO + "#" + number + " for your focus.\"}"),
                    new FakeOpenAi.ToolCall("github_get_pull_request_diff", diff), new FakeOpenAi.Text(findings.get(i)));
        }
        app.model.then(new FakeOpenAi.ToolCall("github_create_review", "{\"repo\":\"" + REPO + "\",\"number\":"
                + number + ",\"event\":\"REQUEST_CHANGES\",\"body\":\"Reviewed by correctness, security and tests.\","
                + "\"comments\":[{\"path\":\"src/upload.js\",\"line\":11,\"body\":\"Name the constant; make the "
                + "timeout configurable.\"},{\"path\":\"test/upload.test.js\",\"line\":2,\"body\":\"Assert "
                + "something.\"}]}"), new FakeOpenAi.Text("Posted one review with 2 comments."));

        String ack = AlfredTestApp.ackText(ada.command("C1", "review https://github.com/" + REPO + "/pull/" + number));
        assertThat(ack).contains("Reviewing " + REPO + "#" + number, String.join(", ", REVIEWERS));
        Matcher id = Pattern.compile("run `([a-z0-9]+)`").matcher(ack);
        assertThat(id.find()).isTrue();
        Run waiting = app.awaitStatus(id.group(1), RunStatus.WAITING_FOR_APPROVAL);
        LocalSlack.Call card = app.card(waiting);

        assertThat(card.arg("blocks")).contains("github_create_review", "Review of " + REPO + "#" + number
                + " (REQUEST_CHANGES) with 2 inline comment(s)", "src/upload.js:11: Name the constant");
        assertThat(github.requests("POST", "/repos/" + REPO + "/pulls/" + number + "/reviews")).isEmpty();
        List<Run> reviewers = app.runs().stream().filter(run -> waiting.id().equals(run.parentRunId())).toList();
        assertThat(reviewers).extracting(Run::agent).containsExactlyInAnyOrderElementsOf(REVIEWERS);
        assertThat(reviewers).allSatisfy(run -> assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED));
        JsonNode firstReviewerCall = app.model.requests().get(1);
        assertThat(firstReviewerCall.path("messages").get(0).path("content").asText())
                .startsWith("You review one GitHub pull request for correctness only");
        assertThat(firstReviewerCall.path("messages")).hasSize(2);
        assertThat(app.model.requests().get(2).toString()).contains("   11| +  setTimeout(done, 10 * 1000);",
                "2 files changed, +4 -1");

        ada.click("C1", card.ts(), waiting.threadTs(), "approval.approve", ApprovalCards.approveButtonValue(
                card.arg("blocks")));
        Run done = app.awaitStatus(waiting.id(), RunStatus.SUCCEEDED);

        assertThat(done.finalAnswer()).isEqualTo("Posted one review with 2 comments.");
        assertThat(github.reviews(REPO, number)).singleElement().satisfies(review -> {
            assertThat(review.path("state").asText()).isEqualTo("CHANGES_REQUESTED");
            assertThat(review.path("body").asText()).startsWith("Reviewed by correctness, security and tests.")
                    .contains("<!-- alfred-action: ");
            assertThat(review.path("comments")).hasSize(2);
            assertThat(review.path("comments").get(0).path("side").asText()).isEqualTo("RIGHT");
        });
    }
}
