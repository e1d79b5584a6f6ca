package io.kubemagic.engine.testkit.clair;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What Clair's indexer would find in a layer blob, for the packages it knows: the layer is
 * decompressed (gzip or plain tar), walked entry by entry (ustar, PAX and GNU long names), and the
 * dpkg ({@code var/lib/dpkg/status}) and apk ({@code lib/apk/db/installed}) databases are read.
 */
public final class LayerContent {
    public static final String DPKG = "var/lib/dpkg/status";
    public static final String APK = "lib/apk/db/installed";

    public record Package(String name, String version, String database) {
    }

    private LayerContent() {
    }

    public static List<Package> packages(byte[] blob) {
        Map<String, String> files = files(blob);
        List<Package> packages = new ArrayList<>();
        if (files.containsKey(DPKG)) {
            packages.addAll(dpkg(files.get(DPKG)));
        }
        if (files.containsKey(APK)) {
            packages.addAll(apk(files.get(APK)));
        }
        return packages;
    }

    /** The regular files of the layer that are package databases, by path without a leading "./" or "/". */
    static Map<String, String> files(byte[] blob) {
        Map<String, String> files = new LinkedHashMap<>();
        try (InputStream in = blob.length > 2 && (blob[0] & 0xff) == 0x1f && (blob[1] & 0xff) == 0x8b
                ? new GZIPInputStream(new ByteArrayInputStream(blob)) : new ByteArrayInputStream(blob)) {
            byte[] tar = in.readAllBytes();
            int offset = 0;
            String longName = null;
            while (offset + 512 <= tar.length) {
                if (isZero(tar, offset)) {
                    break;
                }
                String name = string(tar, offset, 100);
                String prefix = string(tar, offset + 345, 155);
                long size = octal(tar, offset + 124, 12);
                char type = (char) tar[offset + 156];
                int data = offset + 512;
                String content = new String(tar, data, (int) size, StandardCharsets.UTF_8);
                offset = data + (int) ((size + 511) / 512 * 512);
                if (type == 'x') {
                    longName = pax(content);
                    continue;
                }
                if (type == 'L') {
                    longName = content.replace("\0", "");
                    continue;
                }
                String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                longName = null;
                path = path.replaceFirst("^\\./", "").replaceFirst("^/", "");
                if ((type == '0' || type == 0) && (path.equals(DPKG) || path.equals(APK))) {
                    files.put(path, content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the layer is not a (gzipped) tar: " + e.getMessage(), e);
        }
        return files;
    }

    private static String pax(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.substring(space + 1).startsWith("path=")) {
                return record.substring(space + 6);
            }
        }
        return null;
    }

    private static boolean isZero(byte[] tar, int offset) {
        for (int i = offset; i < offset + 512; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] tar, int offset, int length) {
        int end = offset;
        while (end < offset + length && tar[end] != 0) {
            end++;
        }
        return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] tar, int offset, int length) {
        String text = string(tar, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }

    static List<Package> dpkg(String status) {
        List<Package> packages = new ArrayList<>();
        for (String paragraph : status.split("\n\\s*\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : paragraph.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith(" ")) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            if (fields.containsKey("Package") && fields.getOrDefault("Status", "install ok installed").endsWith("installed")) {
                packages.add(new Package(fields.get("Package"), fields.getOrDefault("Version", ""), DPKG));
            }
        }
        return packages;
    }

    static List<Package> apk(String installed) {
        List<Package> packages = new ArrayList<>();
        for (String paragraph : installed.split("\n\\s*\n")) {
            String name = null;
            String version = null;
            for (String line : paragraph.split("\n")) {
                if (line.startsWith("P:")) {
                    name = line.substring(2).trim();
                } else if (line.startsWith("V:")) {
                    version = line.substring(2).trim();
                }
            }
            if (name != null) {
                packages.add(new Package(name, version == null ? "" : version, APK));
            }
        }
        return packages;
    }
}
