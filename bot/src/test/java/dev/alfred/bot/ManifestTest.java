package dev.alfred.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alfred.bot.slack.AlfredCommand;
import dev.alfred.bot.slack.AppHome;
import dev.alfred.bot.slack.ThreadReplies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code manifest.json} and the code agree: every command and event it declares has a handler, and the reverse. */
class ManifestTest {
    private static final JsonNode MANIFEST = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("..", "manifest.json").toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("manifest.json at the repository root could not be read", e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(field == null ? node.asText() : node.path(field).asText()));
        return values;
    }

    @Test
    void everySlashCommandHasAHandlerAndEveryHandlerIsDeclared() {
        assertThat(texts(MANIFEST.path("features").path("slash_commands"), "command"))
                .containsExactly(AlfredCommand.COMMAND);
    }

    @Test
    void everyBotEventHasAHandlerAndEveryHandlerIsDeclared() {
        assertThat(texts(MANIFEST.path("settings").path("event_subscriptions").path("bot_events"), null))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                        ThreadReplies.SUBSCRIBED_EVENTS.stream(), java.util.stream.Stream.of(AppHome.EVENT)).toList());
    }

    @Test
    void everyRequestUrlIsSlackEvents() {
        List<String> urls = new ArrayList<>(texts(MANIFEST.path("features").path("slash_commands"), "url"));
        urls.add(MANIFEST.path("settings").path("interactivity").path("request_url").asText());
        urls.add(MANIFEST.path("settings").path("event_subscriptions").path("request_url").asText());
        assertThat(urls).allSatisfy(url -> assertThat(url).endsWith("/slack/events"));
        assertThat(MANIFEST.path("settings").path("interactivity").path("is_enabled").asBoolean()).isTrue();
    }

    @Test
    void botScopesAreTheOnesAlfredUses() {
        assertThat(texts(MANIFEST.path("oauth_config").path("scopes").path("bot"), null))
                .containsExactlyInAnyOrder("commands", "chat:write", "channels:history", "usergroups:read");
    }
}
