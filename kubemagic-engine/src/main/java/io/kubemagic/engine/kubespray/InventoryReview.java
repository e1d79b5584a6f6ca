package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.kubespray.InventoryVariables.Variable;
import io.kubemagic.engine.kubespray.ReviewItem.Kind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code git diff <from>..<tag> inventory/sample} tells an operator, checked against their
 * own inventory: "new variable X (default …)", "your variable Y no longer exists", changed
 * defaults, renamed groups, and the v2.28 rule that version variables lose their "v".
 */
public final class InventoryReview {
    static final String SAMPLE_GROUP_VARS = "inventory/sample/group_vars";
    private static final Pattern VERSION_WITH_V = Pattern.compile("^['\"]?v\\d+\\.\\d+.*");

    private final Path inventory;
    private final Map<String, Variable> yours;

    /** {@code inventory}: the user's inventory folder (hosts.yaml or inventory.ini, and group_vars/). */
    public InventoryReview(Path inventory) {
        this.inventory = inventory;
        this.yours = inventory == null ? Map.of() : InventoryVariables.ofInventory(inventory);
    }

    public HopReview review(GitTree from, String fromRef, GitTree to, KubesprayRelease target) {
        Map<String, Variable> before = InventoryVariables.parse(from.readAll(SAMPLE_GROUP_VARS));
        Map<String, Variable> after = InventoryVariables.parse(to.readAll(SAMPLE_GROUP_VARS));
        List<ReviewItem> items = new ArrayList<>();
        for (Variable added : after.values()) {
            if (before.containsKey(added.name())) {
                continue;
            }
            Variable mine = yours.get(added.name());
            items.add(new ReviewItem(Kind.NEW_VARIABLE, added.name(), null, added.value(), mine == null ? null : mine.value(),
                    false, "new variable " + added.name() + " (default " + shown(added.value()) + ", in "
                    + added.file() + (added.commented() ? ", commented out in the sample" : "") + ")"
                    + (mine == null ? "" : "; your inventory already sets it to " + shown(mine.value()))));
        }
        for (Variable removed : before.values()) {
            if (after.containsKey(removed.name())) {
                continue;
            }
            Variable mine = yours.get(removed.name());
            items.add(new ReviewItem(Kind.REMOVED_VARIABLE, removed.name(), removed.value(), null,
                    mine == null ? null : mine.value(), mine != null, mine != null
                    ? "your variable " + removed.name() + " no longer exists in " + target.tag() + " (you set it to "
                    + shown(mine.value()) + " in " + mine.file() + "): remove it, or find what replaced it"
                    : "variable " + removed.name() + " was removed from the sample inventory (it was "
                    + shown(removed.value()) + "); your inventory does not set it"));
        }
        for (Variable old : before.values()) {
            Variable now = after.get(old.name());
            if (now == null || Objects.equals(old.value(), now.value())) {
                continue;
            }
            Variable mine = yours.get(old.name());
            items.add(new ReviewItem(Kind.CHANGED_DEFAULT, old.name(), old.value(), now.value(), mine == null ? null : mine.value(),
                    mine != null, "default of " + old.name() + " changed from " + shown(old.value()) + " to " + shown(now.value())
                    + (mine == null ? "" : "; your inventory sets " + shown(mine.value()) + " in " + mine.file() + ", check it")));
        }
        KubesprayRelease fromFacts = ReleaseCatalog.readRelease(fromRef, new Version(0, 0, 0), from);
        renamed(items, fromFacts.clusterGroup(), target.clusterGroup());
        renamed(items, fromFacts.controlPlaneGroup(), target.controlPlaneGroup());
        if (target.bareVersionKeys()) {
            for (Variable mine : yours.values()) {
                if (mine.name().endsWith("_version") && VERSION_WITH_V.matcher(mine.value()).matches()) {
                    items.add(new ReviewItem(Kind.VERSION_FORMAT, mine.name(), null, null, mine.value(), true,
                            target.tag() + " refuses version variables written with a leading \"v\": your " + mine.name()
                                    + " is " + mine.value() + " in " + mine.file() + "; write it without the v"));
                }
            }
        }
        Variable pinned = yours.get("kube_version");
        if (pinned != null) {
            items.add(new ReviewItem(Kind.PINNED_VERSION, "kube_version", null, null, pinned.value(), false,
                    "your inventory pins kube_version " + pinned.value() + " (" + pinned.file()
                            + "); each hop overrides it with the hop's kube_version on the command line"));
        }
        return new HopReview(fromRef, target.tag(), List.copyOf(items));
    }

    private void renamed(List<ReviewItem> items, String oldName, String newName) {
        if (oldName == null || newName == null || oldName.equals(newName)) {
            return;
        }
        boolean stillUsed = usesGroup(oldName);
        items.add(new ReviewItem(Kind.RENAMED_GROUP, oldName, oldName, newName, stillUsed ? oldName : null, stillUsed,
                "renamed group " + oldName + " -> " + newName + (stillUsed
                        ? ": your inventory still uses " + oldName + "; rename the group in your hosts file and group_vars/"
                        : "")));
    }

    private boolean usesGroup(String group) {
        if (inventory == null) {
            return false;
        }
        if (Files.isDirectory(inventory.resolve("group_vars").resolve(group))
                || Files.isRegularFile(inventory.resolve("group_vars").resolve(group + ".yml"))) {
            return true;
        }
        Pattern mention = Pattern.compile("(^|[\\s\\[])" + Pattern.quote(group) + "(\\]|:|\\s*$)", Pattern.MULTILINE);
        try (Stream<Path> files = Files.list(inventory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".ini") || name.endsWith(".yml") || name.endsWith(".yaml") || name.equals("hosts")) {
                    if (mention.matcher(Files.readString(file, StandardCharsets.UTF_8)).find()) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            throw new KubeMagicException("cannot read the inventory " + inventory + ": " + e.getMessage(), e);
        }
        return false;
    }

    private static String shown(String value) {
        if (value == null || value.isEmpty()) {
            return "empty";
        }
        return value.length() > 80 ? value.substring(0, 77) + "..." : value;
    }
}
