package dev.alfred.agents.audit;

import dev.alfred.agents.redaction.Redaction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The append-only audit log. Kinds recorded:
 * <ul>
 *   <li>{@code task.intake}: a run was created from {@code /alfred task} (actor: the requester)</li>
 *   <li>{@code model.turn}: one model call, with model, prompt and completion tokens and cost</li>
 *   <li>{@code tool.call}: a tool call with its policy decision and the rule id; {@code tool.result}: what a call
 *       that ran without approval returned</li>
 *   <li>{@code approval.staged}, {@code approval.approved}, {@code approval.edited}, {@code approval.rejected},
 *       {@code approval.reject_and_end}, {@code approval.expired}, {@code approval.reminded},
 *       {@code approval.withdrawn}, {@code approval.refused} (a click by someone not allowed; actor: the clicker)</li>
 *   <li>{@code action.executed} (an approved side effect and its result), {@code action.in_doubt} (a side effect
 *       whose worker died mid-call: an approved action, or a call policy allowed; not repeated)</li>
 *   <li>{@code outbox.undelivered}: a thread message Slack refused for good (or kept refusing for a day)</li>
 *   <li>{@code run.succeeded}, {@code run.failed}, {@code run.cancelled}; {@code run.paused},
 *       {@code run.resumed}, {@code run.blocked}, {@code run.unblocked}</li>
 *   <li>{@code fleet.paused}, {@code fleet.resumed}, {@code fleet.blocked}, {@code fleet.unblocked};
 *       {@code budget.extended}, {@code loop.continued}</li>
 *   <li>{@code question.answered}, {@code reply.after_end}, {@code command.refused}</li>
 * </ul>
 * Rows are only ever inserted, their text redacted ({@link Redaction}: no secret reaches the log). Each call joins the caller's transaction, so an event commits with what it records.
 * Every {@code tool.call} event is also published as a {@link ToolCallJudged} (metrics count them), whichever of the
 * runtime's paths judged the call.
 */
@Singleton
public class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters of free text (results, answers) kept in {@code detail}. */
    static final int DETAIL_CHARS = 1_000;
    /** Kind of the event recording a tool call and its policy decision. */
    static final String TOOL_CALL = "tool.call";
    /** Events held back on this thread by {@link #holding}, or null when events are written as recorded. */
    private static final ThreadLocal<List<AuditEvent>> HELD = new ThreadLocal<>();

    private final AuditEventRepository events;
    private final Clock clock;
    private final ApplicationEventPublisher<ToolCallJudged> judged;

    public AuditLog(AuditEventRepository events, Clock clock, ApplicationEventPublisher<ToolCallJudged> judged) {
        this.events = events;
        this.clock = clock;
        this.judged = judged;
    }

    /** Records an event with a sentence and no structured data. */
    @Transactional
    public void record(@Nullable String runId, String kind, @Nullable String actorUserId, @Nullable String detail) {
        record(runId, kind, actorUserId, null, detail, null);
    }

    /**
     * Records an event.
     *
     * @param stepNo the run's step, if the event belongs to one
     * @param detail a sentence; cut at {@value #DETAIL_CHARS} characters
     * @param data   structured facts, serialised as a JSON object; {@code null} values are kept as {@code null}
     */
    @Transactional
    public void record(@Nullable String runId, String kind, @Nullable String actorUserId, @Nullable Integer stepNo,
            @Nullable String detail, @Nullable Map<String, ?> data) {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), runId, kind, actorUserId, stepNo,
                cut(Redaction.redact(detail)), json(data), clock.instant());
        List<AuditEvent> held = HELD.get();
        if (held != null) {
            held.add(event);
        } else {
            events.save(event);
        }
        if (TOOL_CALL.equals(kind) && data != null && data.get("tool") != null && data.get("decision") != null) {
            judged.publishEvent(new ToolCallJudged(String.valueOf(data.get("tool")),
                    String.valueOf(data.get("decision"))));
        }
    }

    /**
     * Runs {@code work} with the events it records on this thread held back instead of written, each with the time it
     * was recorded, so that they can be written with a later transaction ({@link #recordAll}): a read-only tool
     * call's {@code tool.call} and {@code tool.result} commit with the step that carries its result. Published
     * {@link ToolCallJudged} events are not held.
     *
     * @return what {@code work} returned, and the events it recorded, oldest first
     */
    public <T> Held<T> holding(java.util.function.Supplier<T> work) {
        List<AuditEvent> outer = HELD.get();
        List<AuditEvent> held = new java.util.ArrayList<>();
        HELD.set(held);
        try {
            return new Held<>(work.get(), List.copyOf(held));
        } finally {
            if (outer == null) {
                HELD.remove();
            } else {
                HELD.set(outer);
            }
        }
    }

    /** Writes events held back by {@link #holding}, in order, joining the caller's transaction. */
    @Transactional
    public void recordAll(List<AuditEvent> held) {
        held.forEach(events::save);
    }

    /**
     * What {@link #holding} returns.
     *
     * @param value  what the work returned
     * @param events the events it recorded, not yet written
     */
    public record Held<T>(T value, List<AuditEvent> events) {
    }

    /** @return the run's events, oldest first */
    @Transactional(readOnly = true)
    public List<AuditEvent> timeline(String runId) {
        return events.findByRunIdInOrder(runId);
    }

    /** @return every event of one kind, oldest first (e.g. {@code command.refused}) */
    @Transactional(readOnly = true)
    public List<AuditEvent> ofKind(String kind) {
        return events.findByKindInOrder(kind);
    }

    private static String cut(@Nullable String text) {
        return text == null || text.length() <= DETAIL_CHARS ? text : text.substring(0, DETAIL_CHARS) + "…";
    }

    /**
     * @return {@code data} as a JSON object with every string in it redacted ({@link Redaction#strings}), written
     *         once from its tree (not written, parsed and written again as {@link Redaction#redactJson} would); null
     *         when there is none
     */
    private static String json(@Nullable Map<String, ?> data) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(Redaction.strings(JSON.valueToTree(data), Redaction::redact));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("audit data is not serialisable: " + data.keySet(), e);
        }
    }
}
