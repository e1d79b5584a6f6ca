package io.kubemagic.engine.etcd;

import java.io.Serializable;

/** An active alarm: NOSPACE (quota exceeded) or CORRUPT, on one member. */
public record AlarmInfo(String memberId, String type) implements Serializable {
}
