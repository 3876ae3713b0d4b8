/**
 * Everything that unparks a run enters here: a thread reply, an approval decision or its expiry, a resume, a
 * cancellation, a sub-run that ended, a block lifted. Each records what happened and wakes the run through
 * {@link dev.alfred.agents.run.RunWaker}; the run loop takes it from there.
 */
package dev.alfred.agents.events;
