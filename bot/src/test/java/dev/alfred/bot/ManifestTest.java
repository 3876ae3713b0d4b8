package dev.alfred.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiResponse;
import dev.alfred.bot.slack.command.AlfredCommand;
import dev.alfred.bot.slack.home.AppHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code manifest.json} and the code agree: every command and event it declares has a handler, and the reverse; its
 * shape and lengths are the ones Slack's app manifest schema allows (https://api.slack.com/reference/manifests,
 * schema version 1); and its bot scopes are exactly those the Web API methods the code calls and the events it
 * subscribes to require.
 */
class ManifestTest {
    private static final JsonNode MANIFEST = read();
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    /**
     * The Slack Web API methods Alfred may call through Bolt's {@link MethodsClient}, by Java method name, with the
     * bot scopes each needs ("Required scopes" at https://api.slack.com/methods/&lt;method&gt;). A new call without a
     * row here fails {@link #everyWebApiMethodTheCodeCallsHasItsScopes()}.
     */
    private static final Map<String, MethodScopes> METHODS = Map.ofEntries(
            Map.entry("chatPostMessage", new MethodScopes("chat.postMessage", Set.of("chat:write"))),
            Map.entry("chatUpdate", new MethodScopes("chat.update", Set.of("chat:write"))),
            Map.entry("chatPostEphemeral", new MethodScopes("chat.postEphemeral", Set.of("chat:write"))),
            Map.entry("chatStartStream", new MethodScopes("chat.startStream", Set.of("chat:write"))),
            Map.entry("chatAppendStream", new MethodScopes("chat.appendStream", Set.of("chat:write"))),
            Map.entry("chatStopStream", new MethodScopes("chat.stopStream", Set.of("chat:write"))),
            Map.entry("assistantThreadsSetStatus", new MethodScopes("assistant.threads.setStatus",
                    Set.of("assistant:write"))),
            Map.entry("assistantThreadsSetSuggestedPrompts", new MethodScopes(
                    "assistant.threads.setSuggestedPrompts", Set.of("assistant:write"))),
            Map.entry("assistantThreadsSetTitle", new MethodScopes("assistant.threads.setTitle",
                    Set.of("assistant:write"))),
            Map.entry("viewsOpen", new MethodScopes("views.open", Set.of())),
            Map.entry("viewsPublish", new MethodScopes("views.publish", Set.of())),
            Map.entry("usergroupsUsersList", new MethodScopes("usergroups.users.list", Set.of("usergroups:read"))),
            // public and private channels; DMs (im:history, mpim:history) are not Alfred's
            Map.entry("conversationsReplies", new MethodScopes("conversations.replies",
                    Set.of("channels:history", "groups:history"))),
            // Bolt's single-workspace authorization calls it by itself; it needs no scope
            Map.entry("authTest", new MethodScopes("auth.test", Set.of())));

    /** Bot events and the scope each needs (https://api.slack.com/events/&lt;event&gt;). */
    private static final Map<String, Set<String>> EVENTS = Map.of(
            "message.channels", Set.of("channels:history"),
            "message.groups", Set.of("groups:history"),
            "message.im", Set.of("im:history"),
            "app_mention", Set.of("app_mentions:read"),
            "assistant_thread_started", Set.of("assistant:write"),
            "assistant_thread_context_changed", Set.of("assistant:write"),
            AppHome.EVENT, Set.of());

    /** What a slash command needs. */
    private static final String COMMANDS_SCOPE = "commands";

    /** The sections of a version 1 manifest. */
    private static final Set<String> TOP_LEVEL = Set.of("_metadata", "display_information", "features",
            "oauth_config", "settings", "app_directory", "functions", "workflows", "datastores", "outgoing_domains",
            "types", "external_auth_providers");

    private record MethodScopes(String slackMethod, Set<String> scopes) {
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("..", "manifest.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException("manifest.json at the repository root could not be read", e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(field == null ? node.asText() : node.path(field).asText()));
        return values;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertText(JsonNode node, String what, int min, int max) {
        assertThat(node.isTextual()).as(what + " is a string").isTrue();
        assertThat(node.asText().length()).as(what + " length").isBetween(min, max);
    }

    private static void assertBoolean(JsonNode node, String what) {
        assertThat(node.isMissingNode() || node.isBoolean()).as(what + " is a boolean").isTrue();
    }

    private static void assertUrl(JsonNode node, String what, int max) {
        assertText(node, what, 8, max);
        assertThat(node.asText()).as(what).matches("^https?://.+");
    }

    private static void assertUniqueTexts(JsonNode array, String what, int maxItems, int maxLength) {
        assertThat(array.isArray()).as(what + " is an array").isTrue();
        assertThat(array.size()).as(what + " items").isLessThanOrEqualTo(maxItems);
        List<String> items = texts(array, null);
        assertThat(items).as(what).doesNotHaveDuplicates()
                .allSatisfy(item -> assertThat(item.length()).as(what + " item length").isBetween(1, maxLength));
    }

    private static String source(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@link MethodsClient} Web API methods called anywhere in {@code bot/src/main/java}, by Java name. */
    private static Set<String> webApiMethodsCalled() throws IOException {
        Set<String> apiMethods = Arrays.stream(MethodsClient.class.getMethods())
                .filter(method -> SlackApiResponse.class.isAssignableFrom(method.getReturnType()))
                .map(Method::getName)
                .collect(Collectors.toSet());
        Pattern call = Pattern.compile("\\.\\s*([a-z][A-Za-z0-9]*)\\s*\\(");
        Set<String> called = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = call.matcher(source(file));
                while (matcher.find()) {
                    if (apiMethods.contains(matcher.group(1))) {
                        called.add(matcher.group(1));
                    }
                }
            }
        }
        return called;
    }

    @Test
    void everySlashCommandHasAHandlerAndEveryHandlerIsDeclared() {
        assertThat(texts(MANIFEST.path("features").path("slash_commands"), "command"))
                .containsExactly(AlfredCommand.COMMAND);
    }

    @Test
    void theUsageHintNamesEverySubCommandTheHandlerKnows() {
        String handler = source(MAIN_SOURCES.resolve("dev/alfred/bot/slack/command/AlfredCommand.java"));
        Matcher cases = Pattern.compile("case ((?:\"[a-z]*\"(?:,\\s*)?)+)\\s*->").matcher(handler);
        Set<String> subCommands = new TreeSet<>();
        while (cases.find()) {
            Matcher word = Pattern.compile("\"([a-z]+)\"").matcher(cases.group(1));
            while (word.find()) {
                subCommands.add(word.group(1));
            }
        }
        String hint = MANIFEST.path("features").path("slash_commands").path(0).path("usage_hint").asText();

        assertThat(subCommands).contains("task", "status", "help").hasSizeGreaterThan(5);
        assertThat(subCommands).allSatisfy(sub -> assertThat(hint).containsPattern("(^|[ |])" + sub + "([ |]|$)"));
    }

    @Test
    void everyBotEventHasAHandlerAndEveryHandlerIsDeclared() {
        assertThat(texts(MANIFEST.path("settings").path("event_subscriptions").path("bot_events"), null))
                .containsExactlyInAnyOrderElementsOf(Stream.of(
                        dev.alfred.bot.slack.event.ThreadReplies.SUBSCRIBED_EVENTS.stream(), Stream.of(AppHome.EVENT,
                                dev.alfred.bot.slack.event.ThreadReplies.DIRECT_MESSAGES,
                                dev.alfred.bot.slack.event.AppMentions.EVENT),
                        dev.alfred.bot.slack.event.AssistantThreads.EVENTS.stream()).flatMap(s -> s).toList());
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
    void theManifestUsesOnlySectionsAndFieldsSlackDocuments() {
        assertThat(fields(MANIFEST)).as("top-level keys").isSubsetOf(TOP_LEVEL).contains("display_information");
        assertThat(fields(MANIFEST.path("_metadata"))).isSubsetOf("major_version", "minor_version");
        assertThat(MANIFEST.path("_metadata").path("major_version").asInt()).isIn(1, 2);
        assertThat(MANIFEST.path("_metadata").path("minor_version").isInt()).isTrue();

        JsonNode features = MANIFEST.path("features");
        assertThat(fields(features)).isSubsetOf("app_home", "bot_user", "shortcuts", "slash_commands",
                "unfurl_domains", "workflow_steps", "functions", "assistant_view");
        assertThat(fields(features.path("app_home"))).isSubsetOf("home_tab_enabled", "messages_tab_enabled",
                "messages_tab_read_only_enabled");
        features.path("app_home").forEach(flag -> assertThat(flag.isBoolean()).isTrue());
        assertThat(fields(features.path("bot_user"))).isSubsetOf("display_name", "always_online");

        JsonNode oauth = MANIFEST.path("oauth_config");
        assertThat(fields(oauth)).isSubsetOf("redirect_urls", "scopes", "token_management_enabled", "pkce_enabled");
        assertThat(fields(oauth.path("scopes"))).isSubsetOf("bot", "user", "bot_optional", "user_optional");

        JsonNode settings = MANIFEST.path("settings");
        assertThat(fields(settings)).isSubsetOf("allowed_ip_address_ranges", "event_subscriptions",
                "incoming_webhooks", "interactivity", "org_deploy_enabled", "socket_mode_enabled", "is_hosted",
                "token_rotation_enabled", "siws_links", "function_runtime");
        assertThat(fields(settings.path("event_subscriptions"))).isSubsetOf("request_url", "bot_events",
                "user_events", "metadata_subscriptions");
        assertThat(fields(settings.path("interactivity"))).isSubsetOf("is_enabled", "request_url",
                "message_menu_options_url");
        for (String flag : List.of("org_deploy_enabled", "socket_mode_enabled", "token_rotation_enabled")) {
            assertBoolean(settings.path(flag), "settings." + flag);
        }
    }

    @Test
    void namesDescriptionsAndUrlsAreWithinSlacksLimits() {
        JsonNode display = MANIFEST.path("display_information");
        assertText(display.path("name"), "display_information.name", 1, 35);
        assertText(display.path("description"), "display_information.description", 1, 140);
        if (display.has("long_description")) {
            assertText(display.path("long_description"), "display_information.long_description", 175, 4000);
        }
        assertThat(display.path("background_color").asText()).matches("#([0-9a-fA-F]{3}){1,2}");
        assertThat(fields(display)).isSubsetOf("name", "description", "background_color", "long_description");

        assertText(MANIFEST.path("features").path("bot_user").path("display_name"), "bot_user.display_name", 1, 80);
        JsonNode commands = MANIFEST.path("features").path("slash_commands");
        assertThat(commands.size()).isBetween(1, 50);
        commands.forEach(command -> {
            assertThat(fields(command)).isSubsetOf("command", "url", "description", "usage_hint", "should_escape");
            assertText(command.path("command"), "slash command", 2, 32);
            assertThat(command.path("command").asText()).startsWith("/");
            assertText(command.path("description"), "slash command description", 1, 2000);
            assertText(command.path("usage_hint"), "slash command usage_hint", 1, 1000);
            assertUrl(command.path("url"), "slash command url", 3000);
            assertBoolean(command.path("should_escape"), "should_escape");
        });

        JsonNode settings = MANIFEST.path("settings");
        assertUrl(settings.path("event_subscriptions").path("request_url"), "event_subscriptions.request_url", 3500);
        assertUniqueTexts(settings.path("event_subscriptions").path("bot_events"), "bot_events", 100, 50);
        assertThat(settings.path("interactivity").path("is_enabled").isBoolean()).isTrue();
        assertUrl(settings.path("interactivity").path("request_url"), "interactivity.request_url", 3500);
        assertUniqueTexts(MANIFEST.path("oauth_config").path("scopes").path("bot"), "scopes.bot", 255, 50);
    }

    @Test
    void httpModeDeclaresRequestUrlsAndSocketModeIsOff() {
        // The Socket Mode variant (README.md, "Deploy"): socket_mode_enabled true, request URLs removed.
        assertThat(MANIFEST.path("settings").path("socket_mode_enabled").asBoolean(true)).isFalse();
        assertThat(MANIFEST.path("settings").path("interactivity").has("request_url")).isTrue();
        assertThat(MANIFEST.path("settings").path("event_subscriptions").has("request_url")).isTrue();
    }

    @Test
    void everyWebApiMethodTheCodeCallsHasItsScopes() throws IOException {
        Set<String> called = webApiMethodsCalled();

        assertThat(called).as("Web API calls found in bot/src/main/java").contains("chatPostMessage", "viewsOpen");
        assertThat(called).as("MethodsClient calls without a row in ManifestTest.METHODS (add the method and its "
                + "\"Required scopes\" from https://api.slack.com/methods)").isSubsetOf(METHODS.keySet());
        Set<String> declared = Set.copyOf(texts(MANIFEST.path("oauth_config").path("scopes").path("bot"), null));
        for (String method : called) {
            assertThat(declared).as("bot scopes for " + METHODS.get(method).slackMethod())
                    .containsAll(METHODS.get(method).scopes());
        }
    }

    @Test
    void botScopesAreExactlyTheOnesAlfredsCallsEventsAndCommandNeed() throws IOException {
        Set<String> needed = new TreeSet<>();
        needed.add(COMMANDS_SCOPE);
        webApiMethodsCalled().forEach(method -> needed.addAll(METHODS.get(method).scopes()));
        List<String> events = texts(MANIFEST.path("settings").path("event_subscriptions").path("bot_events"), null);
        assertThat(EVENTS.keySet()).as("events with a known scope").containsAll(events);
        events.forEach(event -> needed.addAll(EVENTS.get(event)));

        assertThat(texts(MANIFEST.path("oauth_config").path("scopes").path("bot"), null))
                .containsExactlyInAnyOrderElementsOf(needed);
    }
}
