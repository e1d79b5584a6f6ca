package io.kubemagic.engine.site;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.inventory.SafeYaml;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where each upstream checkout and its inventory live, as one YAML file in the repository the
 * pipeline checks out (default {@code kubemagic-site.yml}). Every key is optional; the defaults are
 * the Kube Magic layout of the operators' notes:
 * <pre>
 * defaultInventory: utgb
 * kubespray: {checkout: kubespray, inventory: "inventory/{inventory}/hosts.yml", groupNames: auto}
 * ceph:      {checkout: ceph-ansible, inventory: hosts, playbook: site.yml}
 * openshift: {checkout: openshift-ansible, inventory: hosts}
 * custom:    {checkout: custom, inventory: hosts}
 * </pre>
 * Relative paths are relative to the directory of the site file; inventory paths to their checkout.
 * {@code {inventory}} in a path is the inventory name the step or command is given.
 */
public final class SiteLayout {
    public static final String DEFAULT_FILE = "kubemagic-site.yml";
    public static final String PLACEHOLDER = "{inventory}";

    public enum Checkout {
        KUBESPRAY("kubespray", "kubespray", "inventory/" + PLACEHOLDER + "/hosts.yml"),
        CEPH("ceph", "ceph-ansible", "hosts"),
        OPENSHIFT("openshift", "openshift-ansible", "hosts"),
        CUSTOM("custom", "custom", "hosts");

        private final String key;
        private final String defaultDirectory;
        private final String defaultInventory;

        Checkout(String key, String defaultDirectory, String defaultInventory) {
            this.key = key;
            this.defaultDirectory = defaultDirectory;
            this.defaultInventory = defaultInventory;
        }

        public String key() {
            return key;
        }

        public static Checkout parse(String field, String text) {
            for (Checkout checkout : values()) {
                if (checkout.key.equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return checkout;
                }
            }
            throw new InvalidInputException(field, "\"" + text + "\" is not a checkout of the site; use kubespray, ceph, openshift or custom");
        }
    }

    /** One checkout as the file writes it; null fields take the defaults. */
    public record Section(String checkout, String inventory, String playbook, String groupNames) implements Serializable {
    }

    /** The file's shape: unknown keys are refused, so a typo is an error and not a silent default. */
    record Document(String defaultInventory, Section kubespray, Section ceph, Section openshift, Section custom) {
    }

    private final Path root;
    private final String source;
    private final Document document;

    private SiteLayout(Path root, String source, Document document) {
        this.root = root.toAbsolutePath().normalize();
        this.source = source;
        this.document = document == null ? new Document(null, null, null, null, null) : document;
    }

    /** The layout of the Kube Magic repository, rooted at {@code root}, without a file. */
    public static SiteLayout defaults(Path root) {
        return new SiteLayout(root, "defaults", null);
    }

    public static SiteLayout load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("site", file + " does not exist; write the site layout there "
                    + "(see docs/ansible.md) or leave the parameter out to use the default layout");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("site", "cannot read " + file + ": " + e.getMessage());
        }
        SafeYaml.parse(file.toString(), text);
        Document document;
        try {
            document = text.isBlank() ? null : SafeYaml.mapper().readerFor(Document.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(text);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException("site", file + ": unknown key \"" + e.getPropertyName() + "\"; the keys are "
                    + e.getKnownPropertyIds());
        } catch (IOException e) {
            throw new InvalidInputException("site", file + ": " + e.getMessage());
        }
        return new SiteLayout(file.toAbsolutePath().getParent(), file.toString(), document);
    }

    /** The file the step or command names (relative to {@code base}), else kubemagic-site.yml if present, else the defaults. */
    public static SiteLayout locate(Path base, String file) {
        if (file != null && !file.isBlank()) {
            Path path = base.resolve(file.trim());
            return load(path);
        }
        Path standard = base.resolve(DEFAULT_FILE);
        return Files.isRegularFile(standard) ? load(standard) : defaults(base);
    }

    public Path root() {
        return root;
    }

    /** The file it came from, or "defaults". */
    public String source() {
        return source;
    }

    public String defaultInventory() {
        return document.defaultInventory();
    }

    private Section section(Checkout checkout) {
        Section section = switch (checkout) {
            case KUBESPRAY -> document.kubespray();
            case CEPH -> document.ceph();
            case OPENSHIFT -> document.openshift();
            case CUSTOM -> document.custom();
        };
        return section == null ? new Section(null, null, null, null) : section;
    }

    public Path checkout(Checkout checkout) {
        String directory = section(checkout).checkout();
        return root.resolve(directory == null || directory.isBlank() ? checkout.defaultDirectory : directory).normalize();
    }

    /** The playbook the site names for this checkout (ceph: site.yml or site-container.yml), or null. */
    public String playbook(Checkout checkout) {
        return section(checkout).playbook();
    }

    /** Kubespray's group naming as the site fixes it (legacy, transition, current), or null to detect it. */
    public String groupNames(Checkout checkout) {
        return section(checkout).groupNames();
    }

    /** The inventory name used for {@code {inventory}}: the one given, else the site's default. */
    public String inventoryName(Checkout checkout, String given) {
        String pattern = inventoryPattern(checkout);
        String name = given != null && !given.isBlank() ? given.trim() : defaultInventory();
        if (name == null) {
            if (pattern.contains(PLACEHOLDER)) {
                throw new InvalidInputException("inventory", "no inventory name given, and " + source
                        + " sets no defaultInventory; give the name of the inventory" + available(checkout, pattern));
            }
            Path inventory = checkout(checkout).resolve(pattern).normalize();
            Path parent = inventory.getParent();
            return parent == null ? checkout.key : parent.getFileName().toString();
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.contains("..")) {
            throw new InvalidInputException("inventory", "\"" + name + "\" is not an inventory name; use letters, digits, '.', '_' and '-' only");
        }
        return name;
    }

    /** The inventory file (or directory) of a checkout for an inventory name. */
    public Path inventory(Checkout checkout, String inventoryName) {
        String pattern = inventoryPattern(checkout);
        String name = inventoryName(checkout, inventoryName);
        Path path = checkout(checkout).resolve(pattern.replace(PLACEHOLDER, name)).normalize();
        if (Files.exists(path)) {
            return path;
        }
        if (section(checkout).inventory() == null && checkout == Checkout.KUBESPRAY) {
            for (String alternative : List.of("hosts.yaml", "inventory.ini", "hosts.ini")) {
                Path other = path.resolveSibling(alternative);
                if (Files.exists(other)) {
                    return other;
                }
            }
        }
        throw new InvalidInputException("inventory", path + " does not exist (site layout " + source + ", "
                + checkout.key + " inventory \"" + pattern + "\")" + available(checkout, pattern));
    }

    private String inventoryPattern(Checkout checkout) {
        String inventory = section(checkout).inventory();
        return inventory == null || inventory.isBlank() ? checkout.defaultInventory : inventory.trim();
    }

    private String available(Checkout checkout, String pattern) {
        int at = pattern.indexOf(PLACEHOLDER);
        if (at < 0) {
            return "";
        }
        Path parent = checkout(checkout).resolve(pattern.substring(0, at)).normalize();
        if (!Files.isDirectory(parent)) {
            return "";
        }
        try (Stream<Path> entries = Files.list(parent)) {
            List<String> names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("sample") && !n.equals("local") && !n.startsWith("."))
                    .sorted().toList();
            return names.isEmpty() ? "" : "; inventories under " + parent + ": " + String.join(", ", names);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "site " + source + " (root " + root + ")";
    }

}
