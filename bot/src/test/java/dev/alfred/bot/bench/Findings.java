package dev.alfred.bot.bench;

import static dev.alfred.bot.bench.Report.ms;
import static dev.alfred.bot.bench.Report.one;
import static dev.alfred.bot.bench.Report.thousands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's "What the figures say": what explains the figures, with this run's numbers, and what the benchmarks
 * found and changed in Alfred.
 */
final class Findings {
    private Findings() {
    }

    static List<String> of(List<DatabaseResults> databases, List<PromptBench.Result> prompts) {
        List<String> findings = new ArrayList<>();
        findings.add("**The fakes answer without Nagle's delay.** `LocalSlack` and `FakeOpenAi` are JDK `HttpServer`s. "
                + "Without `-Dsun.net.httpserver.nodelay=true` (set by the `bench` profile) each of their answers "
                + "waits about 40 ms on loopback for a delayed ACK, and the first run of this harness measured that: "
                + "model-turn steps at 50 ms, every Slack call 40 ms late. Real Slack and model endpoints do not do "
                + "this, so the benchmarks measure without it. (The integration tests and `./alfred demo` still pay "
                + "it.)");
        for (DatabaseResults db : databases) {
            StepOverheadBench.Result s = db.steps;
            if (s != null && !Double.isNaN(s.transactionsPerStep())) {
                findings.add(stepOverhead(db.database.label, s));
            }
        }
        findings.add("**H2's floor is tens of microseconds**: the embedded database writes each commit to its file "
                + "(`WRITE_DELAY=0`, so a `kill -9` loses no acknowledged request) but does not sync it to disk; the "
                + "ratio to it says little. What counts there is the p99 against the 50 ms target.");
        databases.stream().filter(db -> db.throughput != null).findFirst().ifPresent(db -> findings.add("**Slack's "
                + "limit, not Alfred, bounds the throughput.** Each run posts " + whole(db.throughput.postsPerRun())
                + " messages (root, status, answer) in its channel; at 1 a second a channel finishes at most "
                + whole(60 / db.throughput.postsPerRun()) + " runs a minute. Alfred waits out each 429's `Retry-After` "
                + "per channel in the outbox and loses nothing; the bursts let it beat the steady ceiling for a "
                + "while."));
        findings.add("**`/alfred task` under the limit.** The intake used to post the thread's root message inside "
                + "Slack's 3-second window, and to retry a refused post there (0.5 s, 1 s, 2 s), so with many tasks "
                + "typed into one channel at once acknowledgements took up to 7.6 s, past Slack's 3 s. The root "
                + "message is now posted right after the ack (issue 22), so Slack's limit no longer reaches the ack.");
        findings.add("**What an ack waits for (issue 22).** Before its ack, a `/alfred task` records its run (one "
                + "transaction of 4 statements, de-duplicated by `trigger_id`: the existing tests read the run as soon "
                + "as the ack arrives); a thread reply or a mention records its delivery (one insert into "
                + "`slack_inbox`, keyed by `event_id`); an Approve click makes its decision, or reads that the card "
                + "was decided already (the tests read the decision as soon as the click is acknowledged). Everything "
                + "else (root message, enqueue, the reply applied, the run started, a late click told who decided) "
                + "follows the ack on the after-ack lanes. Section 1's second table shows what each costs: 20 "
                + "connections in a closed loop keep both cores busy, so a kind's latency grows with the CPU all "
                + "threads spend per request of it, and the floor's whole request costs about 0.3 ms. A task's "
                + "transaction costs the thread that acks about 1 ms: on H2 half of it is the commit, which writes "
                + "every page changed since the last commit, the background's included, serialising their strings; "
                + "on PostgreSQL it is the statements' round trips, with as much again in the server. The run it "
                + "starts costs another 0.5-1 ms. Replies and mentions recorded at the same moment share one "
                + "transaction (`GroupCommit`: one JDBC batch, one commit), so on H2 each costs its thread about 0.35 "
                + "ms instead of about 1 ms for a commit of its own; the CPU so freed goes to the runs the acks start, "
                + "which catch up within the phase, so the latencies barely move. Background threads run at nice 10 so "
                + "the acks get the CPU first (nice 19 starved background threads that held H2's commit lock or a "
                + "pooled connection, and the acks waiting for them, so its p99s were worse); priorities cannot shrink "
                + "the acks' own work, nor PostgreSQL's server processes, which serve acks and runs alike: the "
                + "table's last column is the ratio a kind would show with nothing but its acks running.");
        findings.add("**A deadlock on PostgreSQL, found here.** Delivering a run's status post wrote the message "
                + "name's row and then the run's; a runner ending that run at the same moment held the run's row and "
                + "waited for the name's. PostgreSQL broke 12–14 such deadlocks per run of this harness, delaying a "
                + "message by 1 s or a run by 10 s each time. The outbox now writes the run's row first (commit "
                + "\"Outbox.delivered: write the run's … row before the message name's\"); no deadlock since.");
        findings.add("**Memory: RSS is the heap the JVM grew to, not what runs hold.** The JVM grows its heap under "
                + "load, up to its cap, and keeps it; the live heap after a "
                + "full collection shows what stays: parked runs are rows in the database. On H2 the live heap at the "
                + "end is larger because the embedded database's page cache lives in Alfred's heap. To bound the RSS, "
                + "`./alfred` and the container image cap the heap at 384 MiB (`alfred.jvmoptions`; "
                + "`ALFRED_JAVA_OPTS=-Xmx1g` raises it).");
        if (prompts.size() == 3) {
            findings.add(compaction(prompts.get(0), prompts.get(1), prompts.get(2)));
        }
        return findings;
    }

    private static String stepOverhead(String database, StepOverheadBench.Result s) {
        return "**Where a step's overhead goes (" + database + ").** About " + one(s.transactionsPerStep())
                + " transactions per step, background included: a step reads its situation, plans and begins in one "
                + "transaction (`StepStarts`) and commits its transcript entry, spend, audit, status update and lease "
                + "renewal in another (`StepCommitter`); `StepTransactionsPostgresIT` pins the count by origin. At up "
                + "to " + ms(s.floorCommit().p(0.5)) + " ms a round trip (the floor's write and commit), the "
                + "database is no longer most of the p50 of " + ms(s.overhead().p(0.5)) + " ms: the first "
                + "transaction issues 9 to 10 statements and the commit 4 (`StepTransactionsPostgresIT` prints "
                + "them), and the rest is CPU (JSON, LangChain4j's HTTP client, the policy, the status message's "
                + "Block Kit) on 2 cores that also run the load generator and the fakes. With the serial collector "
                + "of `alfred.jvmoptions`, 0.25-1.3% of the steps had a young collection in them (10-15 ms each; "
                + "the bench prints how many and the p99 without them), depending on how far earlier benchmarks had "
                + "grown the heap; the rest of the tail is CPU scheduling on a shared 2-core machine.";
    }

    private static String compaction(PromptBench.Result off, PromptBench.Result standard, PromptBench.Result tight) {
        return "**Compaction.** Without it the prompt grows by every turn's tool result, to "
                + thousands(off.largest()) + " tokens at the end and " + thousands(off.total()) + " tokens sent over "
                + "the run. The default budget compacts " + times(standard.compactions()) + " and sends "
                + percent(standard.total(), off.total()) + " of that; a 3,000-token budget compacts "
                + times(tight.compactions()) + " (each a model call of its own, counted) and sends "
                + percent(tight.total(), off.total()) + ".";
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }
}
