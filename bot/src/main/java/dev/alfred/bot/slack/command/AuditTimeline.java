package dev.alfred.bot.slack.command;

import dev.alfred.bot.slack.blocks.ApprovalCards;
import dev.alfred.bot.slack.blocks.SlackText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alfred.agents.audit.AuditEvent;
import dev.alfred.agents.audit.AuditLog;
import dev.alfred.agents.run.Run;
import dev.alfred.agents.run.RunStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run's audit trail, readable: as an ephemeral Slack message for {@code /alfred audit <run>}, as plain text and
 * as JSON for {@code ./alfred audit <run> [--json]}.
 */
@Singleton
public class AuditTimeline {
    /** Characters of an ephemeral timeline; older events are left out past it (ack bodies stay small). */
    static final int SLACK_CHARS = 3_500;
    /** Characters of one event's detail in the Slack and text timelines. */
    static final int DETAIL_CHARS = 160;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final AuditLog audit;
    private final RunStore runs;

    public AuditTimeline(AuditLog audit, RunStore runs) {
        this.audit = audit;
        this.runs = runs;
    }

    /**
     * @param auditor whether the person is a named auditor (the policy's {@code commands.audit} names them), who may
     *                read any run; others may read the runs of the channel they ask in, and their own
     * @return the newest events that fit in one ephemeral message, oldest first, or why not
     */
    public String slack(String runId, String userId, String channelId, boolean auditor) {
        Optional<Run> run = runs.find(runId);
        if (run.isEmpty()) {
            return "There is no run `" + SlackText.escape(runId) + "`.";
        }
        if (!auditor && !run.get().channelId().equals(channelId) && !run.get().requesterUserId().equals(userId)) {
            return "Run `" + runId + "` belongs to another channel. Ask for its audit trail there, or ask an admin "
                    + "to name you in the policy's `commands.audit`.";
        }
        List<AuditEvent> events = audit.timeline(runId);
        String header = "*Audit trail of run `" + runId + "`* (" + run.get().status() + ", requested by <@"
                + run.get().requesterUserId() + "> in <#" + run.get().channelId() + ">):";
        List<String> lines = new ArrayList<>();
        int length = header.length();
        for (int i = events.size() - 1; i >= 0; i--) {
            AuditEvent event = events.get(i);
            String line = "\n" + ApprovalCards.date(event.createdAt()) + " *" + event.kind() + "*"
                    + (event.stepNo() == null ? "" : " step " + event.stepNo())
                    + (event.actorUserId() == null ? "" : " by <@" + event.actorUserId() + ">")
                    + (event.detail() == null ? "" : ": " + SlackText.escape(cut(event.detail())));
            if (length + line.length() > SLACK_CHARS) {
                lines.add(0, "\n_… " + (i + 1) + " earlier event(s) not shown; `./alfred audit " + runId
                        + " --json` prints them all._");
                break;
            }
            lines.add(0, line);
            length += line.length();
        }
        return header + String.join("", lines);
    }

    /** @return one line per event, oldest first, for a terminal; empty when the run is unknown */
    public Optional<String> text(String runId) {
        return runs.find(runId).map(run -> {
            StringBuilder out = new StringBuilder("run " + runId + " (" + run.status() + ", requested by "
                    + run.requesterUserId() + " in " + run.channelId() + ")\n");
            for (AuditEvent event : audit.timeline(runId)) {
                out.append(event.createdAt()).append("  ").append(event.kind())
                        .append(event.stepNo() == null ? "" : " step " + event.stepNo())
                        .append(event.actorUserId() == null ? "" : " by " + event.actorUserId())
                        .append(event.detail() == null ? "" : ": " + cut(event.detail().replaceAll("\\p{Cntrl}", " ")))
                        .append('\n');
            }
            return out.toString();
        });
    }

    /**
     * @return {@code {"run":{…},"events":[{"at","kind","actor","step","detail","data"}]}}, oldest event first; empty
     *         when the run is unknown
     */
    public Optional<String> json(String runId) {
        return runs.find(runId).map(run -> {
            ObjectNode root = JSON.createObjectNode();
            root.putObject("run").put("id", run.id()).put("agent", run.agent()).put("status", run.status().name())
                    .put("task", run.task()).put("channelId", run.channelId()).put("threadTs", run.threadTs())
                    .put("requesterUserId", run.requesterUserId()).put("createdAt", run.createdAt().toString())
                    .put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
            ArrayNode events = root.putArray("events");
            for (AuditEvent event : audit.timeline(runId)) {
                ObjectNode node = events.addObject().put("at", event.createdAt().toString()).put("kind", event.kind())
                        .put("actor", event.actorUserId()).put("step", event.stepNo()).put("detail", event.detail());
                node.set("data", parse(event.data()));
            }
            try {
                return JSON.writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String data) {
        try {
            return data == null ? JSON.nullNode() : JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(data);
        }
    }

    private static String cut(String text) {
        return text.length() <= DETAIL_CHARS ? text : text.substring(0, DETAIL_CHARS) + "…";
    }
}
