package dev.alfred.bot.slack.home;

import dev.alfred.bot.slack.command.CommandAccess;
import dev.alfred.bot.slack.command.FleetCommands;
import dev.alfred.bot.slack.command.ScheduleCommands;
import dev.alfred.bot.slack.command.StatusReport;
import dev.alfred.bot.slack.web.SlackCallException;
import dev.alfred.bot.slack.web.SlackWeb;
import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import dev.alfred.agents.fleet.Fleet;
import dev.alfred.agents.fleet.FleetPause;
import io.micronaut.core.annotation.Nullable;
import dev.alfred.agents.catalog.AgentCatalog;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alfred's App Home tab ({@code app_home_opened}): the same fleet view as {@code /alfred status}, the schedules with
 * their next firing and last outcome (as {@code /alfred schedule list}), pause/resume buttons (fleet and each agent)
 * for people the policy's {@code commands.control} admits (others see why not), and the ways to give Alfred a task.
 * Clicking a button acts as {@code /alfred pause|resume} would and publishes the tab again with the result. The
 * tab has no channel, so a {@code control} rule restricted to channels shows no buttons here.
 */
@Singleton
public class AppHome {
    /** The Events API event Alfred subscribes to for the tab, as in {@code manifest.json}. */
    public static final String EVENT = "app_home_opened";
    /** Action id of a pause button; its {@code value} is {@code fleet} or an agent's codename. */
    public static final String PAUSE = "home.pause";
    /** Action id of a resume button; its {@code value} is {@code fleet} or an agent's codename. */
    public static final String RESUME = "home.resume";
    /** The ways to give Alfred a task, as the README's "Talking to Alfred" lists them. */
    static final String TALK_TO_ME = "Give me a task with `/alfred task …` in a channel, by mentioning me "
            + "(`@Alfred [@agent] …`) in a channel I am in, or by writing to me here in *Messages* or in a new "
            + "assistant thread. I answer in that thread; a running task's status message has a *Stop* button.";
    /** A section's text allows 3,000 characters (Block Kit reference, "Section block"). */
    static final int SECTION_CHARS = 3_000;
    private static final Logger LOG = LoggerFactory.getLogger(AppHome.class);

    private final StatusReport status;
    private final FleetCommands commands;
    private final CommandAccess access;
    private final Fleet fleet;
    private final SlackWeb slack;
    private final AgentCatalog agents;
    private final ScheduleCommands schedules;

    public AppHome(StatusReport status, FleetCommands commands, CommandAccess access, Fleet fleet, SlackWeb slack,
            AgentCatalog agents, ScheduleCommands schedules) {
        this.schedules = schedules;
        this.agents = agents;
        this.status = status;
        this.commands = commands;
        this.access = access;
        this.fleet = fleet;
        this.slack = slack;
    }

    /** Registers the handlers on the Bolt app. */
    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, this::opened);
        app.blockAction(PAUSE, (req, ctx) -> clicked(req, ctx, true));
        app.blockAction(RESUME, (req, ctx) -> clicked(req, ctx, false));
    }

    private Response opened(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if ("home".equals(event.getTab())) {
            publish(event.getUser(), null);
        }
        return ctx.ack();
    }

    private Response clicked(BlockActionRequest request, ActionContext ctx, boolean pause) {
        String userId = request.getPayload().getUser().getId();
        String target = request.getPayload().getActions().get(0).getValue();
        String verb = pause ? "pause" : "resume";
        Optional<String> refusal = access.refusal(verb, userId, "", "/alfred " + verb + " " + target
                + " (App Home)");
        String result = refusal.map(reason -> ":no_entry: " + reason)
                .orElseGet(() -> pause ? commands.pause(target, userId) : commands.resume(target, userId));
        publish(userId, result);
        return ctx.ack();
    }

    /**
     * Publishes the tab for one person; a Slack failure is logged (the next open tries again).
     *
     * @param note the outcome of the person's last click, shown on top, or null
     */
    void publish(String userId, @Nullable String note) {
        try {
            slack.publishHome(userId, view(userId, note));
        } catch (SlackCallException e) {
            LOG.warn("could not publish the App Home tab for {}: {}", userId, e.error());
        }
    }

    /** @return the home view: a note, the fleet view, and the buttons this person may use */
    View view(String userId, @Nullable String note) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Alfred: the fleet"))));
        if (note != null) {
            blocks.add(section(s -> s.text(markdownText(cut(note)))));
        }
        blocks.add(section(s -> s.text(markdownText(cut(status.fleet())))));
        Optional<String> refusal = access.wouldRefuse("pause", userId, "");
        if (refusal.isPresent()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Pausing and resuming are not open to you: "
                    + refusal.get())))));
        } else {
            List<String> paused = fleet.pauses().stream().map(FleetPause::scope).toList();
            List<BlockElement> buttons = new ArrayList<>();
            buttons.add(toggle("fleet", paused.contains(Fleet.FLEET)));
            for (String agent : agents.names()) {
                buttons.add(toggle(agent, paused.contains(Fleet.agentScope(agent))));
            }
            blocks.add(actions(a -> a.blockId("home").elements(buttons)));
        }
        blocks.add(section(s -> s.text(markdownText(cut(schedules.list())))));
        blocks.add(context(c -> c.elements(List.of(markdownText(TALK_TO_ME)))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Also in any channel: `/alfred status`, "
                + "`/alfred pause fleet`, `/alfred help`.")))));
        return View.builder().type("home").blocks(blocks).build();
    }

    private static BlockElement toggle(String target, boolean paused) {
        String label = (paused ? "Resume " : "Pause ") + (target.equals("fleet") ? "fleet" : target);
        if (paused) {
            return button(b -> b.actionId(RESUME).value(target).style("primary").text(plainText(label)));
        }
        return button(b -> b.actionId(PAUSE).value(target).style("danger").text(plainText(label))
                .confirm(ConfirmationDialogObject.builder().title(plainText(label + "?"))
                        .text(plainText("Running runs stop before their next step; new tasks wait."))
                        .confirm(plainText(label)).deny(plainText("Cancel")).build()));
    }

    private static String cut(String text) {
        return text.length() <= SECTION_CHARS ? text : text.substring(0, SECTION_CHARS - 1) + "…";
    }
}
