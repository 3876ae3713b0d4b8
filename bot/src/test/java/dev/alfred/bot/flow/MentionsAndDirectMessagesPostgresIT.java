package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link MentionsAndDirectMessagesIT} on PostgreSQL. */
class MentionsAndDirectMessagesPostgresIT extends MentionsAndDirectMessagesIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
