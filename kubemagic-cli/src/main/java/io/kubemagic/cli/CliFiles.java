package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files and secrets the commands read from their options: every error names the option, and every
 * secret is registered with the command's masker the moment it is read.
 */
final class CliFiles {
    private CliFiles() {
    }

    /** The text of a file an option names. */
    static String read(String option, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(option, file + " does not exist");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(option, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * A password, passphrase or key from a file (its one trailing newline dropped; an empty file is
     * refused) or else from an environment variable; null when neither is there.
     */
    static SecretValue secret(KubeMagicCommand root, SecretMasker masker, String option, Path file, String variable) {
        String value;
        if (file != null) {
            value = read(option, file).replaceFirst("\\R$", "");
            if (value.isEmpty()) {
                throw new InvalidInputException(option, file + " is empty");
            }
        } else {
            value = root.environment().get(variable);
        }
        masker.add(value);
        return SecretValue.ofNullable(value);
    }

    /**
     * Refuses a password given on the command line (it shows in ps and in the shell history), as
     * {@code --password} or as {@code user:password}; the value is masked before the message is printed.
     */
    static void refusePasswordOnCommandLine(SecretMasker masker, String password, String userOption, String user,
                                            String variable) {
        if (password != null) {
            masker.add(password);
            throw new InvalidInputException("--password", "a password on the command line shows in ps and in the shell "
                    + "history, so kubemagic does not take one; set " + variable + " or use --password-file FILE");
        }
        if (user != null && user.contains(":")) {
            masker.add(user.substring(user.indexOf(':') + 1));
            throw new InvalidInputException(userOption, "give the user name only (NAME:PASSWORD puts the password on the "
                    + "command line); set " + variable + " or use --password-file FILE");
        }
    }
}
