package dev.alfred.agents.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Which GitHub deliveries are labelled issues, and the link of a pull request in a run's answer. */
class LabeledIssueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode labeled() throws Exception {
        return (ObjectNode) JSON.readTree("{\"action\":\"labeled\",\"issue\":{\"number\":12,\"title\":\"T\","
                + "\"body\":null,\"html_url\":\"https://github.com/acme/widgets/issues/12\",\"updated_at\":"
                + "\"2026-05-15T15:21:02Z\"},\"label\":{\"name\":\"agent:implement\"},\"repository\":{\"full_name\":"
                + "\"acme/widgets\"},\"sender\":{\"login\":\"ada\"}}");
    }

    @Test
    void readsTheIssueOfALabeledEvent() throws Exception {
        assertThat(LabeledIssue.from("issues", labeled())).contains(new LabeledIssue("acme/widgets", 12, "T", "",
                "https://github.com/acme/widgets/issues/12", "agent:implement", "2026-05-15T15:21:02Z", "ada"));
    }

    @Test
    void ignoresOtherEventsActionsPullRequestsAndIncompletePayloads() throws Exception {
        assertThat(LabeledIssue.from("pull_request", labeled())).isEmpty();
        assertThat(LabeledIssue.from("issues", labeled().put("action", "unlabeled"))).isEmpty();
        ObjectNode pull = labeled();
        ((ObjectNode) pull.path("issue")).putObject("pull_request");
        assertThat(LabeledIssue.from("issues", pull)).isEmpty();
        ObjectNode noRepo = labeled();
        noRepo.remove("repository");
        assertThat(LabeledIssue.from("issues", noRepo)).isEmpty();
    }

    @Test
    void findsAPullRequestOfTheSameRepositoryOnly() {
        assertThat(GitHubLabels.pullRequestLink("acme/widgets", "See https://github.com/acme/widgets-fork/pull/3 and "
                + "https://github.com/acme/widgets/pull/7.")).contains("https://github.com/acme/widgets/pull/7");
        assertThat(GitHubLabels.pullRequestLink("acme/widgets", "no link")).isEmpty();
        assertThat(GitHubLabels.pullRequestLink("acme/widgets", null)).isEmpty();
    }
}
