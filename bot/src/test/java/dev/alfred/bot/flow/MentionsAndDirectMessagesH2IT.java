package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link MentionsAndDirectMessagesIT} on the embedded H2 database. */
class MentionsAndDirectMessagesH2IT extends MentionsAndDirectMessagesIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
