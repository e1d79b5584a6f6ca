package io.jenkins.plugins.kubemagic.steps;

import hudson.model.Run;
import io.kubemagic.engine.json.Json;
import jenkins.model.RunAction2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A build page that lists entries recorded by the build's steps. Entries are kept as JSON text, so
 * the build record does not depend on engine classes staying the same; the page reads them as maps.
 */
public abstract class JsonEntriesAction implements RunAction2 {
    private final List<String> entries = new ArrayList<>();
    private transient Run<?, ?> run;

    /** The build's action of this type, added on first use. */
    protected static synchronized <A extends JsonEntriesAction> A of(Run<?, ?> run, Class<A> type, Supplier<A> create) {
        A action = run.getAction(type);
        if (action == null) {
            action = create.get();
            run.addAction(action);
        }
        return action;
    }

    protected final synchronized void addEntry(Map<String, Object> entry) {
        entries.add(Json.write(entry));
    }

    /** For index.jelly: the entries as maps, oldest first. */
    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> getEntries() {
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String entry : entries) {
            try {
                parsed.add(Json.mapper().readValue(entry, Map.class));
            } catch (java.io.IOException e) {
                parsed.add(Map.of("kind", "unreadable", "failure", String.valueOf(e.getMessage())));
            }
        }
        return parsed;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
