/**
 * Model adapters: which LangChain4j {@link dev.langchain4j.model.chat.ChatModel} a run talks to, the offline demo
 * model, and the mapping between Alfred's transcript and LangChain4j messages.
 */
package dev.alfred.agents.model;
