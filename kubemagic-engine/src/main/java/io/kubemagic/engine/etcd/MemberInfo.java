package io.kubemagic.engine.etcd;

import java.io.Serializable;
import java.util.List;

/** A cluster member as {@code etcdctl member list} shows it; ids are unsigned 64-bit, in hex. */
public record MemberInfo(String id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner)
        implements Serializable {

    /** A member that was added but never started has no name and no client URLs. */
    public boolean started() {
        return name != null && !name.isBlank();
    }

    public static String hexId(long id) {
        return Long.toHexString(id);
    }

    public static long parseId(String field, String hex) {
        try {
            return Long.parseUnsignedLong(hex.trim(), 16);
        } catch (NumberFormatException e) {
            throw new io.kubemagic.engine.InvalidInputException(field, "\"" + hex
                    + "\" is not a member id (16 hex digits, as etcdctl member list prints them) nor a member name");
        }
    }
}
