package dev.alfred.bot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.agents.tools.ToolArguments;
import dev.alfred.agents.tools.ToolContext;
import dev.alfred.agents.tools.ToolResult;
import dev.alfred.agents.tools.github.GitHubClient;
import dev.alfred.agents.tools.github.GitHubCommentTool;
import dev.alfred.agents.tools.github.GitHubCreateIssueTool;
import dev.alfred.agents.tools.github.GitHubGetIssueTool;
import dev.alfred.agents.tools.github.GitHubOpenPullRequestTool;
import dev.alfred.agents.tools.github.GitHubSearchIssuesTool;
import dev.alfred.agents.tools.github.GitHubSettings;
import dev.alfred.agents.tools.github.GitHubTool;
import dev.alfred.bot.support.FakeGitHub;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitHub tools called directly against {@link FakeGitHub}, no application context. */
class GitHubToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ghp_test" + UUID.randomUUID().toString().replace("-", "");
    private static final String REPO = "acme/widgets";
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private FakeGitHub github;

    @BeforeEach
    void startFakeGitHub() throws IOException {
        github = FakeGitHub.start(TOKEN, "alfred-bot").repository(REPO);
    }

    @AfterEach
    void stopFakeGitHub() {
        github.close();
    }

    @Test
    void anIssueIsReadAsACompactSummaryWithGitHubsHeaders() {
        int number = github.issue(REPO, "ada", "Widget times out", "x".repeat(10_000), "bug", "p1");

        ToolResult result = call(getIssue(), "{\"repo\":\"acme/widgets\",\"number\":" + number + "}", null);

        assertThat(result.error()).isFalse();
        assertThat(result.content()).contains("Issue acme/widgets#1: Widget times out", "State: open",
                "author @ada", "Labels: bug, p1", "URL: https://github.com/acme/widgets/issues/1", "[cut; 10000")
                .hasSizeLessThan(3000);
        FakeGitHub.Request request = github.requests().get(0);
        assertThat(request.path()).isEqualTo("/repos/acme/widgets/issues/1");
        assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("User-Agent")).startsWith("Alfred/");
    }

    @Test
    void aPullRequestIsReadWithItsHeadBaseAndMergeability() {
        int number = github.pullRequest(REPO, "ada", "fix-timeout", "main", "Fix the timeout", "Raises it to 30 s.");

        ToolResult result = call(getIssue(), "{\"repo\":\"acme/widgets\",\"number\":" + number + "}", null);

        assertThat(result.content()).contains("Pull request acme/widgets#1: Fix the timeout",
                "Branches: fix-timeout → main", "merged no", "mergeable yes (clean)", "Raises it to 30 s.");
        assertThat(github.requests("GET", "/repos/acme/widgets/pulls/1")).hasSize(1);
    }

    @Test
    void searchListsMatchesOneLineEachUpToTheLimit() {
        github.issue(REPO, "ada", "Timeout on upload", "uploads hang", "bug");
        github.issue(REPO, "bob", "Timeout on download", "downloads hang");
        github.issue(REPO, "cy", "Dark mode", "please");

        ToolResult result = call(searchIssues(), "{\"query\":\"repo:acme/widgets is:open timeout\",\"limit\":1}",
                null);

        assertThat(result.error()).isFalse();
        assertThat(result.content())
                .startsWith("2 match(es) for repo:acme/widgets is:open timeout, showing the first 1")
                .contains("- acme/widgets#1 [open] Timeout on upload — @ada · labels: bug · "
                        + "https://github.com/acme/widgets/issues/1")
                .doesNotContain("Dark mode");
        assertThat(github.requests("GET", "/search/issues").get(0).query())
                .containsEntry("q", "repo:acme/widgets is:open timeout").containsEntry("per_page", "1");
    }

    @Test
    void aCommentIsPostedOnTheIssue() {
        int number = github.issue(REPO, "ada", "Widget times out", "details");

        ToolResult result = call(comment(), "{\"repo\":\"acme/widgets\",\"number\":1,\"body\":\"Looking into it.\"}",
                null);

        assertThat(result.content()).startsWith("Commented on acme/widgets#1: https://github.com/acme/widgets/issues/1"
                + "#issuecomment-");
        assertThat(github.comments(REPO, number)).singleElement()
                .satisfies(comment -> assertThat(comment.path("body").asText()).isEqualTo("Looking into it."));
    }

    @Test
    void anIssueIsCreatedWithItsLabels() {
        ToolResult result = call(createIssue(), "{\"repo\":\"acme/widgets\",\"title\":\"Flaky test\","
                + "\"body\":\"It fails one run in ten.\",\"labels\":[\"ci\"]}", null);

        assertThat(result.content())
                .isEqualTo("Created issue acme/widgets#1: https://github.com/acme/widgets/issues/1");
        assertThat(github.issues(REPO)).singleElement().satisfies(issue -> {
            assertThat(issue.path("title").asText()).isEqualTo("Flaky test");
            assertThat(issue.path("labels").findValuesAsText("name")).containsExactly("ci");
            assertThat(issue.path("user").path("login").asText()).isEqualTo("alfred-bot");
        });
    }

    @Test
    void aPullRequestIsOpenedFromAnExistingBranch() {
        github.branch(REPO, "fix-timeout");

        ToolResult result = call(openPullRequest(), pullArguments("fix-timeout", true), null);

        assertThat(result.content()).isEqualTo("Opened pull request acme/widgets#1 (fix-timeout → main, draft): "
                + "https://github.com/acme/widgets/pull/1");
        assertThat(github.requests("GET", "/repos/acme/widgets/branches/fix-timeout")).hasSize(1);
        JsonNode created = github.requests("POST", "/repos/acme/widgets/pulls").get(0).json();
        assertThat(created.path("head").asText()).isEqualTo("fix-timeout");
        assertThat(created.path("base").asText()).isEqualTo("main");
        assertThat(created.path("draft").asBoolean()).isTrue();
        assertThat(github.pulls(REPO)).hasSize(1);
    }

    @Test
    void aPullRequestFromAMissingBranchIsAToolErrorAndOpensNothing() {
        ToolResult result = call(openPullRequest(), pullArguments("never-pushed", false), null);

        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("head branch 'never-pushed' does not exist in acme/widgets",
                "push the branch first");
        assertThat(github.requests("POST", "/")).isEmpty();
        assertThat(github.pulls(REPO)).isEmpty();
    }

    @Test
    void aMissingIssueIsAToolErrorWithGitHubsNotFound() {
        ToolResult result = call(getIssue(), "{\"repo\":\"acme/widgets\",\"number\":99}", null);

        assertThat(result.error()).isTrue();
        assertThat(result.content()).isEqualTo("ERROR: GitHub answered HTTP 404 Not Found for GET "
                + "/repos/acme/widgets/issues/99: it does not exist, or the token cannot see it");
    }

    @Test
    void validationFailedIsAToolErrorListingGitHubsErrors() {
        github.branch(REPO, "fix-timeout");

        ToolResult result = call(openPullRequest(), "{\"repo\":\"acme/widgets\",\"head\":\"fix-timeout\","
                + "\"base\":\"release-9\",\"title\":\"Fix\",\"body\":\"b\"}", null);

        assertThat(result.error()).isTrue();
        assertThat(result.content()).isEqualTo("ERROR: GitHub answered HTTP 422 Validation Failed for POST "
                + "/repos/acme/widgets/pulls: PullRequest.base invalid");
    }

    @Test
    void aRateLimitIsAToolErrorSayingWhenItResets() {
        github.issue(REPO, "ada", "Widget times out", "details");
        github.rateLimitUntil(NOW.plusSeconds(120));

        ToolResult result = call(getIssue(), "{\"repo\":\"acme/widgets\",\"number\":1}", null);

        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("rate limit", "HTTP 403", "API rate limit exceeded",
                "it resets at 2024-05-01T12:02:00Z (in 120 s)");
    }

    @Test
    void aWrongTokenIsAToolErrorAboutCredentials() {
        ToolResult result = call(new GitHubGetIssueTool(client("ghp_wrong", github.apiUrl())),
                "{\"repo\":\"acme/widgets\",\"number\":1}", null);

        assertThat(result.content()).isEqualTo("ERROR: GitHub answered HTTP 401 Bad credentials for GET "
                + "/repos/acme/widgets/issues/1: the token was refused; check GITHUB_TOKEN");
    }

    @Test
    void withoutATokenEveryToolSaysGitHubIsNotConfiguredAndCallsNothing() {
        GitHubClient unconfigured = client(null, github.apiUrl());

        for (GitHubTool tool : List.of(new GitHubGetIssueTool(unconfigured), new GitHubCommentTool(unconfigured))) {
            ToolResult result = tool.execute(JSON.createObjectNode().put("repo", REPO).put("number", 1)
                    .put("body", "hi"), context(null));
            assertThat(result.error()).isTrue();
            assertThat(result.content()).startsWith("ERROR: GitHub is not configured: set GITHUB_TOKEN");
        }
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void theTokenNeverAppearsInAResultWhateverHappens() throws IOException {
        github.issue(REPO, "mallory", "Leaked " + TOKEN, "the token is " + TOKEN);
        github.branch(REPO, "fix-timeout");
        List<ToolResult> results = new ArrayList<>();
        results.add(call(getIssue(), "{\"repo\":\"acme/widgets\",\"number\":1}", null));
        results.add(call(searchIssues(), "{\"query\":\"leaked\"}", null));
        results.add(call(comment(), "{\"repo\":\"acme/widgets\",\"number\":1,\"body\":\"" + TOKEN + "\"}", "k1"));
        results.add(call(getIssue(), "{\"repo\":\"acme/widgets\",\"number\":7}", null));
        results.add(call(openPullRequest(), pullArguments("nope", false), "k2"));
        github.rateLimitUntil(NOW.plusSeconds(60));
        results.add(call(createIssue(), "{\"repo\":\"acme/widgets\",\"title\":\"t\",\"body\":\"b\"}", "k3"));
        try (ServerSocket closed = new ServerSocket(0)) {
            String nowhere = "http://127.0.0.1:" + closed.getLocalPort();
            closed.close();
            results.add(call(new GitHubGetIssueTool(client(TOKEN, nowhere)), "{\"repo\":\"acme/widgets\","
                    + "\"number\":1}", null));
        }

        assertThat(results).hasSize(7).allSatisfy(result -> assertThat(result.content()).doesNotContain(TOKEN));
        assertThat(results.get(0).content()).contains("Leaked [redacted]");
        assertThat(results.get(6).content()).contains("could not reach GitHub at http://127.0.0.1:");
    }

    @Test
    void theSameIdempotencyKeyTwiceCommentsOnce() {
        github.issue(REPO, "ada", "Widget times out", "details");
        String arguments = "{\"repo\":\"acme/widgets\",\"number\":1,\"body\":\"Fixed in #2.\"}";

        ToolResult first = call(comment(), arguments, "alfred-action-a1");
        ToolResult second = call(comment(), arguments, "alfred-action-a1");

        assertThat(github.comments(REPO, 1)).singleElement().satisfies(comment -> assertThat(comment.path("body")
                .asText()).isEqualTo("Fixed in #2.\n\n<!-- alfred-action: alfred-action-a1 -->"));
        assertThat(first.content()).startsWith("Commented on acme/widgets#1");
        assertThat(second.error()).isFalse();
        assertThat(second.content()).startsWith("Already done:").contains("found by its marker", "#issuecomment-");
    }

    @Test
    void theSameIdempotencyKeyTwiceCreatesOneIssueEvenPastTheNewestFifty() {
        String arguments = "{\"repo\":\"acme/widgets\",\"title\":\"Flaky test\",\"body\":\"One run in ten.\"}";

        ToolResult first = call(createIssue(), arguments, "alfred-action-b2");
        for (int i = 0; i < GitHubCreateIssueTool.RECENT; i++) {
            github.issue(REPO, "ada", "noise " + i, "noise");
        }
        ToolResult second = call(createIssue(), arguments, "alfred-action-b2");

        assertThat(github.requests("POST", "/repos/acme/widgets/issues")).hasSize(1);
        assertThat(github.issues(REPO).get(0).path("body").asText())
                .endsWith("<!-- alfred-action: alfred-action-b2 -->");
        assertThat(first.content()).startsWith("Created issue acme/widgets#1");
        assertThat(second.content()).startsWith("Already done: issue acme/widgets#1");
        assertThat(github.requests("GET", "/search/issues").get(0).query().get("q"))
                .isEqualTo("repo:acme/widgets is:issue in:body \"alfred-action-b2\"");
    }

    @Test
    void theSameIdempotencyKeyTwiceOpensOnePullRequest() {
        github.branch(REPO, "fix-timeout");

        ToolResult first = call(openPullRequest(), pullArguments("fix-timeout", false), "alfred-action-c3");
        ToolResult second = call(openPullRequest(), pullArguments("fix-timeout", false), "alfred-action-c3");

        assertThat(github.pulls(REPO)).singleElement().satisfies(pull -> assertThat(pull.path("body").asText())
                .endsWith("<!-- alfred-action: alfred-action-c3 -->"));
        assertThat(first.content()).startsWith("Opened pull request acme/widgets#1");
        assertThat(second.content()).startsWith("Already done: pull request acme/widgets#1 (fix-timeout → main, open)");
        assertThat(github.requests("GET", "/repos/acme/widgets/pulls").get(1).query())
                .containsEntry("head", "acme:fix-timeout").containsEntry("base", "main");
    }

    @Test
    void anotherOpenPullRequestForTheSameBranchesIsNamedInsteadOfOpeningASecond() {
        github.pullRequest(REPO, "ada", "fix-timeout", "main", "Ada's fix", "by hand");

        ToolResult result = call(openPullRequest(), pullArguments("fix-timeout", false), "alfred-action-d4");

        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("already open for fix-timeout → main",
                "https://github.com/acme/widgets/pull/1", "Ada's fix");
        assertThat(github.pulls(REPO)).hasSize(1);
    }

    @Test
    void theSchemaRejectsARepoWithoutASlashOrWithDots() throws Exception {
        for (GitHubTool tool : List.of(getIssue(), comment(), createIssue(), openPullRequest())) {
            assertThat(ToolArguments.problems(tool, JSON.readTree("{\"repo\":\"no-slash\",\"number\":1,"
                    + "\"title\":\"t\",\"body\":\"b\",\"head\":\"h\",\"base\":\"m\"}")))
                    .as(tool.name()).singleElement().asString().contains("repo");
        }
        assertThat(ToolArguments.problems(getIssue(), JSON.readTree("{\"repo\":\"acme/..\",\"number\":1}")))
                .isNotEmpty();
        assertThat(ToolArguments.problems(getIssue(), JSON.readTree("{\"repo\":\"acme/widgets\",\"number\":0}")))
                .isNotEmpty();
        assertThat(ToolArguments.problems(getIssue(), JSON.readTree("{\"repo\":\"acme/widgets.js\",\"number\":3}")))
                .isEmpty();
    }

    private ToolResult call(GitHubTool tool, String arguments, String idempotencyKey) {
        try {
            JsonNode parsed = JSON.readTree(arguments);
            assertThat(ToolArguments.problems(tool, parsed)).as("schema problems").isEmpty();
            return tool.execute(parsed, context(idempotencyKey));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ToolContext context(String idempotencyKey) {
        return new ToolContext("run-1", "alfred", "call-1", "C1", "1700000000.000100", idempotencyKey);
    }

    private static String pullArguments(String head, boolean draft) {
        return "{\"repo\":\"acme/widgets\",\"head\":\"" + head + "\",\"base\":\"main\",\"title\":\"Fix the timeout\","
                + "\"body\":\"Raises it to 30 s.\",\"draft\":" + draft + "}";
    }

    private GitHubClient client(String token, String apiUrl) {
        GitHubSettings settings = new GitHubSettings();
        settings.setToken(token);
        settings.setApiUrl(apiUrl);
        return new GitHubClient(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private GitHubClient client() {
        return client(TOKEN, github.apiUrl() + "/");
    }

    private GitHubGetIssueTool getIssue() {
        return new GitHubGetIssueTool(client());
    }

    private GitHubSearchIssuesTool searchIssues() {
        return new GitHubSearchIssuesTool(client());
    }

    private GitHubCommentTool comment() {
        return new GitHubCommentTool(client());
    }

    private GitHubCreateIssueTool createIssue() {
        return new GitHubCreateIssueTool(client());
    }

    private GitHubOpenPullRequestTool openPullRequest() {
        return new GitHubOpenPullRequestTool(client());
    }
}
