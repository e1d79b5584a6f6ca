package io.kubemagic.engine.registry;

import io.kubemagic.engine.InvalidInputException;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference as {@code docker pull} and the OCI distribution spec read it:
 * {@code [registry[:port]/]namespace/name[:tag][@algorithm:hex]}. Without a registry the image is
 * on Docker Hub ({@code docker.io}, single names under {@code library/}); without tag or digest the
 * tag is {@code latest}. Every rule broken gives an {@link InvalidInputException} that quotes the
 * reference and says what to write instead.
 */
public final class ImageReference implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DOCKER_HUB = "docker.io";
    private static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final int MAX_NAME_LENGTH = 255;
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*|\\[[0-9a-fA-F:.]+\\]");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("sha512:[a-f0-9]{128}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;

    private ImageReference(String registry, String repository, String tag, String digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    public static ImageReference of(String registry, String repository, String tag, String digest) {
        StringBuilder text = new StringBuilder(registry).append('/').append(repository);
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return parse("image", text.toString());
    }

    /** Parses {@code text}; {@code field} names the input in error messages ("images", "IMAGE"). */
    public static ImageReference parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "an empty image reference; write e.g. registry.example.com:5000/team/app:1.0");
        }
        String input = text.trim();
        if (input.contains("://")) {
            throw new InvalidInputException(field, "\"" + input + "\" has a URL scheme; write the image without it, e.g. "
                    + input.substring(input.indexOf("://") + 3) + " (mark http registries as insecure instead)");
        }
        if (input.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(field, "\"" + input + "\" contains white space; give one image per entry");
        }
        String rest = input;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            validateDigest(field, input, digest);
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT))) {
                registry = first;
                rest = rest.substring(slash + 1);
                validateRegistry(field, input, registry);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidInputException(field, "\"" + input + "\": the tag \"" + tag + "\" is not valid; a tag is "
                        + "1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
            }
        }
        validateRepository(field, input, rest);
        if (registry == null) {
            registry = DOCKER_HUB;
            if (!rest.contains("/")) {
                rest = "library/" + rest;
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    private static void validateDigest(String field, String input, String digest) {
        if (!DIGEST.matcher(digest).matches()) {
            throw new InvalidInputException(field, "\"" + input + "\": \"" + digest + "\" is not a digest; write "
                    + "@sha256: followed by 64 lower-case hex characters");
        }
        if (digest.startsWith("sha256:") && !SHA256.matcher(digest).matches()) {
            throw new InvalidInputException(field, "\"" + input + "\": a sha256 digest has 64 lower-case hex characters, \""
                    + digest + "\" has " + (digest.length() - 7));
        }
        if (digest.startsWith("sha512:") && !SHA512.matcher(digest).matches()) {
            throw new InvalidInputException(field, "\"" + input + "\": a sha512 digest has 128 lower-case hex characters");
        }
        if (!digest.startsWith("sha256:") && !digest.startsWith("sha512:")) {
            throw new InvalidInputException(field, "\"" + input + "\": digest algorithm \"" + digest.substring(0, digest.indexOf(':'))
                    + "\" is not supported; use sha256 (or sha512)");
        }
    }

    private static void validateRegistry(String field, String input, String registry) {
        String host = registry;
        String port = null;
        if (registry.startsWith("[")) {
            int end = registry.indexOf(']');
            if (end < 0) {
                throw new InvalidInputException(field, "\"" + input + "\": registry \"" + registry + "\" opens '[' but does not close it");
            }
            host = registry.substring(0, end + 1);
            if (end + 1 < registry.length()) {
                if (registry.charAt(end + 1) != ':') {
                    throw new InvalidInputException(field, "\"" + input + "\": registry \"" + registry + "\" is not host[:port]");
                }
                port = registry.substring(end + 2);
            }
        } else if (registry.contains(":")) {
            host = registry.substring(0, registry.indexOf(':'));
            port = registry.substring(registry.indexOf(':') + 1);
        }
        if (!HOST.matcher(host).matches()) {
            throw new InvalidInputException(field, "\"" + input + "\": \"" + host + "\" is not a registry host name");
        }
        if (port != null) {
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field, "\"" + input + "\": the registry port \"" + port + "\" is not a number");
            }
            if (number < 1 || number > 65535) {
                throw new InvalidInputException(field, "\"" + input + "\": the registry port " + number + " is not between 1 and 65535");
            }
        }
    }

    private static void validateRepository(String field, String input, String repository) {
        if (repository.isEmpty()) {
            throw new InvalidInputException(field, "\"" + input + "\" names no repository; write registry/namespace/name[:tag]");
        }
        if (repository.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException(field, "\"" + input + "\": the repository name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (String component : repository.split("/", -1)) {
            if (component.isEmpty()) {
                throw new InvalidInputException(field, "\"" + input + "\": the repository \"" + repository + "\" has an empty path component (\"//\" or a '/' at an end)");
            }
            if (!component.equals(component.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(field, "\"" + input + "\": repository names must be lower case (\"" + component
                        + "\"); write " + component.toLowerCase(Locale.ROOT));
            }
            if (!COMPONENT.matcher(component).matches()) {
                throw new InvalidInputException(field, "\"" + input + "\": \"" + component + "\" is not a valid repository path "
                        + "component (lower-case letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
    }

    /** The registry as written in the reference: host[:port], {@code docker.io} for Docker Hub. */
    public String registry() {
        return registry;
    }

    /** The host[:port] the HTTP API is on ({@code registry-1.docker.io} for Docker Hub). */
    public String apiHost() {
        return DOCKER_HUB.equals(registry) || "index.docker.io".equals(registry) ? DOCKER_HUB_API : registry;
    }

    public String repository() {
        return repository;
    }

    public String tag() {
        return tag;
    }

    public String digest() {
        return digest;
    }

    /** What goes after {@code /manifests/}: the digest when there is one, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** The repository without Docker Hub's {@code library/}: the name Klar's whitelists use ("alpine", "team/app"). */
    public String shortName() {
        return DOCKER_HUB.equals(registry) && repository.startsWith("library/") ? repository.substring(8) : repository;
    }

    /** The same image pinned to a digest (the tag kept for people reading it). */
    public ImageReference withDigest(String manifestDigest) {
        return new ImageReference(registry, repository, tag, manifestDigest);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(registry).append('/').append(repository);
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference o && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }
}
