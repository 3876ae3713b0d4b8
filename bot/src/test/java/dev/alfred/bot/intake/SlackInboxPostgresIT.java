package dev.alfred.bot.intake;

import dev.alfred.bot.support.TestDatabase;

/** {@link SlackInboxTest} on PostgreSQL (skipped when none can be had, see {@link TestDatabase#postgres()}). */
class SlackInboxPostgresIT extends SlackInboxTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
